package br.com.podcartoes.lake.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.catalog.AthenaSql;
import br.com.podcartoes.lake.catalog.CatalogTable;
import br.com.podcartoes.lake.catalog.LakeCatalog;
import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' queries of sql/athena/consultas/, run as written (placeholders substituted) by DuckDB on
 * the current snapshot of the Iceberg tables a real pipeline run wrote (files listed by Iceberg's own API),
 * under the table names Athena sees. Expected values come from the generator's record of planted rows,
 * the CSV text, or Java over plain row reads, never from the query. The time-travel queries run against
 * the snapshot their {@code FOR VERSION AS OF} / {@code FOR TIMESTAMP AS OF} names, resolved by Iceberg.
 */
class AthenaQueriesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    static Path dir;

    static final YearMonth FROM = YearMonth.of(2023, 1);
    static final YearMonth TO = YearMonth.of(2023, 3);
    static final Path QUERIES = Path.of("..", "sql", "athena", "consultas");
    static final String BOOK_AT_VERSION = "book_na_versao.sql";
    static final String BOOK_AT_INSTANT = "book_no_instante.sql";

    static Path landing;
    static Path lake;
    static List<Planted> planted;
    static DuckDb db;
    /** An instant after February's run and before March's. */
    static Instant betweenFebruaryAndMarch;

    @BeforeAll
    static void runThePipeline() throws Exception {
        long t0 = System.nanoTime();
        landing = dir.resolve("landing");
        lake = dir.resolve("lake");
        planted = new SampleDataGenerator(200, 11, 0.05, 0.15).write(FROM, TO, landing);
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            if (m.equals(TO)) {
                betweenFebruaryAndMarch = Instant.now();
                Thread.sleep(5); // snapshot times are in milliseconds
            }
            assertEquals(0, Main.execute("run", "--month", m.toString(), "--landing", landing.toString(), "--lake",
                    lake.toString(), "--detect-attempts", "1"), "run " + m);
        }
        System.out.println("pipeline runs took " + (System.nanoTime() - t0) / 1_000_000 + " ms");

        db = new DuckDb();
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            for (CatalogTable t : new LakeCatalog(AthenaSql.TEMPLATE_ROOT).tables()) {
                // The names Athena sees, over the table's current snapshot; ano/mes are strings in the files.
                db.execute("CREATE VIEW " + t.name() + " AS " + parquet(iceberg.currentFiles(t.name())));
            }
        }
        // sql/athena/qualidade/: every file of a month's _runs/ folder, as Athena's JSON SerDe with
        // ignore.malformed.json reads it (the lines of the HTML page beside each report are skipped), and
        // the _metrics/ groups under one table with the group as a partition.
        db.execute("CREATE VIEW relatorios_execucao AS SELECT *, regexp_extract(filename, '_runs/([0-9]{4}-[0-9]{2})/', 1)"
                + " AS mes_relatorio FROM read_json('" + lake.resolve("_runs") + "/*/*', format = 'newline_delimited',"
                + " ignore_errors = true, filename = true, union_by_name = true, sample_size = -1)");
        // DuckDB guesses JSON types; the DDL's are fixed (psi double, NULL in a first month).
        db.execute("CREATE VIEW metricas AS SELECT * REPLACE (CAST(psi AS DOUBLE) AS psi), 'book_fatura' AS grupo FROM read_json('" + lake.resolve("_metrics")
                + "/book_fatura/*/*/*', hive_partitioning = true, hive_types = {'ano': VARCHAR, 'mes': VARCHAR},"
                + " sample_size = -1)"
                + " UNION ALL BY NAME SELECT * REPLACE (CAST(psi AS DOUBLE) AS psi), 'curated' AS grupo FROM read_json('" + lake.resolve("_metrics")
                + "/curated/*/*/*', hive_partitioning = true, hive_types = {'ano': VARCHAR, 'mes': VARCHAR},"
                + " sample_size = -1)");
    }

    @AfterAll
    static void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The DDL Athena would create each table with is the schema of the table the job created, and of its files. */
    @Test
    void ddlDeclaresExactlyTheIcebergSchemaAndTheParquetTypes() throws Exception {
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            for (CatalogTable t : new LakeCatalog(AthenaSql.TEMPLATE_ROOT).tables()) {
                List<String> ddl = AthenaDdlText.columns(Files.readString(AthenaSqlFilesTest.DIR.resolve("ddl")
                        .resolve(t.name() + ".sql")));
                List<String> schema = new ArrayList<>();
                for (Types.NestedField f : iceberg.table(t.name()).schema().columns()) {
                    schema.add(f.name() + " " + hiveType(f.type()));
                }
                assertEquals(schema, ddl, t.name() + ": DDL vs the Iceberg table");
                List<String> parquet = new ArrayList<>();
                db.schema(t.name()).forEach((name, type) -> parquet.add(name + " " + type));
                assertEquals(parquet, ddl.stream().map(AthenaQueriesIT::asDuckDb).toList(), t.name() + ": DDL vs Parquet");
            }
        }
    }

    @Test
    void delinquencyAndOnTimeRatesByDueMonth() throws Exception {
        // Independent: plain rows, the book's definitions applied in Java.
        Map<String, List<Map<String, Object>>> payments = new HashMap<>();
        for (Map<String, Object> p : db.rows("SELECT id_fatura, data_pagamento, valor_pagamento FROM tb_pagamentos")) {
            payments.computeIfAbsent((String) p.get("id_fatura"), k -> new ArrayList<>()).add(p);
        }
        Map<YearMonth, long[]> expected = new TreeMap<>(); // vencidas, em dia, inadimplentes
        for (Map<String, Object> f : db.rows("SELECT id_fatura, data_vencimento, valor_pagamento_minimo FROM tb_faturas")) {
            LocalDate due = date(f.get("data_vencimento"));
            LocalDate d = YearMonth.from(due).atEndOfMonth();
            LocalDate first = null;
            BigDecimal paid = BigDecimal.ZERO;
            for (Map<String, Object> p : payments.getOrDefault((String) f.get("id_fatura"), List.of())) {
                LocalDate when = date(p.get("data_pagamento"));
                if (!when.isAfter(d)) {
                    paid = paid.add(decimal(p.get("valor_pagamento")));
                    first = first == null || when.isBefore(first) ? when : first;
                }
            }
            long[] c = expected.computeIfAbsent(YearMonth.from(due), k -> new long[3]);
            c[0]++;
            c[1] += first != null && !first.isAfter(due) ? 1 : 0;
            c[2] += paid.compareTo(decimal(f.get("valor_pagamento_minimo"))) < 0 ? 1 : 0;
        }

        List<Map<String, Object>> rows = db.rows(query("inadimplencia_por_mes.sql", Map.of()));

        assertEquals(List.of(FROM, FROM.plusMonths(1), TO), new ArrayList<>(expected.keySet()));
        assertEquals(expected.size(), rows.size());
        int i = 0;
        for (Map.Entry<YearMonth, long[]> e : expected.entrySet()) {
            Map<String, Object> r = rows.get(i++);
            long[] c = e.getValue();
            assertEquals(e.getKey(), YearMonth.of(num(r, "ano_vencimento").intValue(), num(r, "mes_vencimento").intValue()));
            assertEquals(c[0], num(r, "faturas_vencidas").longValue(), e.getKey() + " vencidas");
            assertEquals(c[1], num(r, "pagas_em_dia").longValue(), e.getKey() + " em dia");
            assertEquals(c[2], num(r, "inadimplentes").longValue(), e.getKey() + " inadimplentes");
            assertEquals(100.0 * c[1] / c[0], num(r, "pct_pagamento_em_dia").doubleValue(), 1e-9);
            assertEquals(100.0 * c[2] / c[0], num(r, "pct_inadimplencia").doubleValue(), 1e-9);
            assertTrue(c[1] > 0 && c[2] > 0 && c[2] < c[0], "a sample with some of each: " + e.getKey());
        }

        // The same numbers through the book that Flink computed: in this sample every invoice is due in its
        // emission month, so U1M's matured invoices of month M are the invoices due in M.
        for (Map<String, Object> b : db.rows("SELECT ano, mes, SUM(qtd_faturas_u1m) AS qtd,"
                + " SUM(pct_inadimplencia_u1m * qtd_faturas_u1m) / 100 AS inad,"
                + " SUM(pct_pagamento_em_dia_u1m * qtd_faturas_u1m) / 100 AS em_dia FROM book_fatura GROUP BY ano, mes")) {
            long[] c = expected.get(YearMonth.of(Integer.parseInt((String) b.get("ano")), Integer.parseInt((String) b.get("mes"))));
            assertEquals(c[0], num(b, "qtd").longValue());
            assertEquals(c[2], Math.round(num(b, "inad").doubleValue()));
            assertEquals(c[1], Math.round(num(b, "em_dia").doubleValue()));
        }
    }

    @Test
    void riskiestClientsOfAMonth() throws Exception {
        List<Map<String, Object>> book = db.rows("SELECT id_cliente, pct_inadimplencia_u6m, dias_atraso_medio_u6m,"
                + " pct_valor_pago_u6m FROM book_fatura WHERE ano = '2023' AND mes = '03'");
        Comparator<Map<String, Object>> risk = Comparator
                .comparing((Map<String, Object> r) -> dbl(r, "pct_inadimplencia_u6m"), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> dbl(r, "dias_atraso_medio_u6m"), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> dbl(r, "pct_valor_pago_u6m"), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> num(r, "id_cliente").longValue());
        List<Long> expected = book.stream().sorted(risk).limit(20).map(r -> num(r, "id_cliente").longValue()).toList();

        List<Map<String, Object>> rows = db.rows(query("clientes_mais_arriscados.sql", Map.of("ano", "2023", "mes", "03")));

        assertEquals(expected, rows.stream().map(r -> num(r, "id_cliente").longValue()).toList());
        for (Map<String, Object> r : rows) {
            assertEquals(LocalDate.of(2023, 3, 31), date(r.get("dt_referencia")));
        }
        assertTrue(dbl(rows.get(0), "pct_inadimplencia_u6m") > dbl(rows.get(19), "pct_inadimplencia_u6m")
                || dbl(rows.get(0), "dias_atraso_medio_u6m") >= dbl(rows.get(19), "dias_atraso_medio_u6m"));
    }

    @Test
    void monthOverMonthChangeOfAClientsVariables() throws Exception {
        long client = 42;
        Map<YearMonth, Map<String, Object>> book = new TreeMap<>();
        for (Map<String, Object> r : db.rows("SELECT * FROM book_fatura WHERE id_cliente = " + client)) {
            book.put(YearMonth.of(Integer.parseInt((String) r.get("ano")), Integer.parseInt((String) r.get("mes"))), r);
        }
        assertEquals(3, book.size());

        List<Map<String, Object>> rows = db.rows(query("variacao_mensal_cliente.sql", Map.of("id_cliente", String.valueOf(client))));

        assertEquals(book.size(), rows.size());
        int changed = 0;
        int i = 0;
        for (Map.Entry<YearMonth, Map<String, Object>> e : book.entrySet()) {
            Map<String, Object> r = rows.get(i++);
            Map<String, Object> previous = book.get(e.getKey().minusMonths(1));
            assertEquals(String.format("%02d", e.getKey().getMonthValue()), r.get("mes"));
            for (Window w : Window.values()) {
                for (BookVariable v : BookVariable.ALL) {
                    String c = v.column(w);
                    assertSameNumber(e.getValue().get(c), r.get(c), e.getKey() + " " + c);
                    Object expected = previous == null ? null : minus(e.getValue().get(c), previous.get(c));
                    assertSameNumber(expected, r.get("variacao_" + c), e.getKey() + " variacao_" + c);
                    if (expected != null && new BigDecimal(expected.toString()).signum() != 0) {
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > 10, "the sample moves the client's variables: " + changed);
    }

    @Test
    void quarantineSummaryByTableMonthAndReason() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        for (Planted p : planted) {
            if (!p.outcome().equals(Planted.DUPLICATE)) {
                expected.merge(tableOf(p.file()) + "|" + yearOf(p.file()) + "|" + monthOf(p.file()) + "|" + p.outcome(), 1L, Long::sum);
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (Map<String, Object> r : db.rows(query("quarentena_por_motivo.sql", Map.of()))) {
            actual.put(r.get("tabela") + "|" + r.get("ano") + "|" + r.get("mes") + "|" + r.get("motivo"), num(r, "linhas").longValue());
            assertEquals(1, num(r, "arquivos").longValue(), r.toString());
        }
        assertEquals(expected, actual);
        assertTrue(expected.size() >= 10, "most reasons planted: " + expected.keySet());
    }

    @Test
    void qualityOfTheLastThirteenMonthsFromTheRunReportsAndMetrics() throws Exception {
        List<Map<String, Object>> rows = db.rows(query("qualidade_ultimos_13_meses.sql", Map.of()));
        Map<String, Long> byReason = new TreeMap<>();
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            JsonNode report = Reports.latest(lake, m.toString());
            boolean counted = report.path("resultado").asText().equals("SUCESSO");
            long read = 0;
            long quarantined = 0;
            for (String t : List.of("tb_faturas", "tb_pagamentos")) {
                JsonNode c = report.path("tabelas").path(t);
                read += c.path("lidas").asLong();
                quarantined += c.path("quarentena").asLong();
                String month = m.toString();
                c.path("quarentena_por_motivo").fields().forEachRemaining(
                        r -> byReason.put(month + "|" + t + "|" + r.getKey(), r.getValue().asLong()));
            }
            long significant = 0;
            long moderate = 0;
            for (JsonNode psi : report.path("book").path("drift")) {
                significant += psi.asDouble() >= 0.25 ? 1 : 0;
                moderate += psi.asDouble() >= 0.10 && psi.asDouble() < 0.25 ? 1 : 0;
            }
            String ano = String.format("%04d", m.getYear());
            String mes = String.format("%02d", m.getMonthValue());
            List<Map<String, Object>> month = rows.stream().filter(r -> ano.equals(r.get("ano")) && mes.equals(r.get("mes")))
                    .toList();
            assertFalse(month.isEmpty(), m + " in " + rows);
            for (Map<String, Object> r : month) {
                if (counted) {
                    assertEquals(read, num(r, "linhas_lidas").longValue(), m + " lidas");
                    assertEquals(quarantined, num(r, "linhas_quarentena").longValue(), m + " quarentena");
                    long reasonRows = num(r, "linhas_motivo").longValue();
                    long tableRead = report.path("tabelas").path((String) r.get("tabela")).path("lidas").asLong();
                    assertEquals(Math.round(100_000.0 * reasonRows / tableRead) / 1000.0, dbl(r, "pct_motivo"), 1e-9, r.toString());
                } else {
                    assertNull(r.get("linhas_lidas"), "a failed run's counts are not the month's: " + r);
                }
                assertEquals(significant, num(r, "colunas_drift_significativo").longValue(), m + " drift " + r);
                assertEquals(moderate, num(r, "colunas_drift_moderado").longValue(), m + " drift " + r);
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        rows.stream().filter(r -> r.get("motivo") != null).forEach(r -> actual.put(r.get("ano") + "-" + r.get("mes") + "|"
                + r.get("tabela") + "|" + r.get("motivo"), num(r, "linhas_motivo").longValue()));
        assertEquals(byReason, actual);
    }

    @Test
    void reconciliationByMonthAndFile() throws Exception {
        List<Map<String, Object>> rows = db.rows(query("reconciliacao_por_mes.sql", Map.of()));
        assertEquals(6, rows.size(), rows.toString());
        int i = 0;
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            JsonNode report = Reports.latest(lake, m.toString());
            for (String t : List.of("tb_faturas", "tb_pagamentos")) {
                Map<String, Object> r = rows.get(i++);
                String file = String.format("%s_%04d%02d.csv", t, m.getYear(), m.getMonthValue());
                assertEquals(List.of(t, String.valueOf(m.getYear()), String.format("%02d", m.getMonthValue()), file),
                        List.of(r.get("tabela"), r.get("ano"), r.get("mes"), r.get("arquivo")));
                long bad = planted.stream().filter(p -> p.file().equals(file) && !p.outcome().equals(Planted.DUPLICATE)).count();
                long duplicates = planted.stream().filter(p -> p.file().equals(file) && p.outcome().equals(Planted.DUPLICATE)).count();
                assertEquals(bad, num(r, "quarentena").longValue(), file);
                assertEquals(dataLines(landing.resolve(file)), num(r, "total").longValue() + duplicates, file + ": every line accounted for");
                assertEquals(report.path("tabelas").path(t).path("curadas").asLong(), num(r, "curadas").longValue(), file);
            }
        }
    }

    /**
     * Time travel by version: before March's run (its report's {@code antes}) the book had January and
     * February only, February as it is now; after it ({@code depois}), March too.
     */
    @Test
    void theBookOfAMonthAtAVersion() throws Exception {
        JsonNode march = Reports.latest(lake, TO.toString()).path("snapshots").path("book_fatura");
        long before = march.path("antes").asLong();
        long after = march.path("depois").asLong();
        assertTrue(before > 0 && after > 0 && before != after, march.toString());

        String feb = "SELECT * FROM book_fatura WHERE ano = '2023' AND mes = '02' ORDER BY id_cliente";
        assertEquals(db.lines(feb), db.lines(atVersion(BOOK_AT_VERSION, Map.of("snapshot_id", String.valueOf(before),
                "ano", "2023", "mes", "02"))), "February, untouched by March's run");
        assertEquals(200, db.lines(feb).size());
        assertEquals(List.of(), db.lines(atVersion(BOOK_AT_VERSION, Map.of("snapshot_id", String.valueOf(before),
                "ano", "2023", "mes", "03"))), "no March book before March's run");
        assertEquals(db.lines("SELECT * FROM book_fatura WHERE ano = '2023' AND mes = '03' ORDER BY id_cliente"),
                db.lines(atVersion(BOOK_AT_VERSION, Map.of("snapshot_id", String.valueOf(after), "ano", "2023", "mes", "03"))));
    }

    /** Time travel by instant: between February's and March's runs, the book is the one of March's {@code antes}. */
    @Test
    void theBookOfAMonthAtAnInstant() throws Exception {
        String instant = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC)
                .format(betweenFebruaryAndMarch);
        long before = Reports.latest(lake, TO.toString()).path("snapshots").path("book_fatura").path("antes").asLong();
        for (String mes : List.of("02", "03")) {
            Map<String, String> params = Map.of("instante", instant, "ano", "2023", "mes", mes);
            assertEquals(db.lines(atVersion(BOOK_AT_VERSION, Map.of("snapshot_id", String.valueOf(before), "ano", "2023",
                    "mes", mes))), db.lines(atVersion(BOOK_AT_INSTANT, params)), "2023-" + mes);
        }
    }

    // --- helpers ---

    static String query(String file, Map<String, String> params) throws Exception {
        String sql = Files.readString(QUERIES.resolve(file));
        for (Map.Entry<String, String> p : params.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        assertFalse(sql.contains("${"), "a placeholder left in " + file);
        return sql;
    }

    /**
     * A time-travel query as DuckDB can run it: its {@code FROM book_fatura FOR VERSION AS OF id} (or
     * {@code FOR TIMESTAMP AS OF TIMESTAMP '... UTC'}) becomes the files of that snapshot, as Iceberg's own
     * API lists them (for an instant: the snapshot current then, as Athena picks it).
     */
    static String atVersion(String file, Map<String, String> params) throws Exception {
        String sql = query(file, params);
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("FROM book_fatura FOR VERSION AS OF (\\d+)")
                .matcher(sql);
        java.util.regex.Matcher instant = java.util.regex.Pattern.compile(
                "FROM book_fatura FOR TIMESTAMP AS OF TIMESTAMP '([^']+) UTC'").matcher(sql);
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            Table book = iceberg.table("book_fatura");
            long snapshot;
            java.util.regex.Matcher m;
            if (version.find()) {
                m = version;
                snapshot = Long.parseLong(m.group(1));
            } else {
                assertTrue(instant.find(), "a time-travel form in " + file);
                m = instant;
                long millis = java.time.LocalDateTime.parse(m.group(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
                snapshot = SnapshotUtil.snapshotIdAsOfTime(book, millis);
            }
            List<String> files = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = book.newScan().useSnapshot(snapshot).planFiles()) {
                tasks.forEach(t -> files.add(t.file().location()));
            }
            return sql.substring(0, m.start()) + "FROM (" + parquet(files) + ") AS book_fatura" + sql.substring(m.end());
        }
    }

    /**
     * A relation over Parquet files of an Iceberg table, ano and mes as written (strings). Not DuckDB's
     * guess from the paths (data/ano=2023/mes=01/), which would make ano a number.
     */
    static String parquet(List<String> files) {
        assertFalse(files.isEmpty(), "a table with data");
        return "SELECT * FROM read_parquet([" + String.join(", ", files.stream()
                .map(f -> "'" + f.replaceFirst("^file:", "") + "'").toList()) + "], hive_partitioning = false)";
    }

    /** Hive's (Athena's) spelling of an Iceberg type. */
    static String hiveType(Type t) {
        return switch (t.typeId()) {
            case STRING -> "string";
            case LONG -> "bigint";
            case INTEGER -> "int";
            case DOUBLE -> "double";
            case DATE -> "date";
            case DECIMAL -> "decimal(" + ((Types.DecimalType) t).precision() + "," + ((Types.DecimalType) t).scale() + ")";
            default -> throw new AssertionError("type with no Athena spelling in the lake: " + t);
        };
    }

    /** The DuckDB spelling of a Hive type, as DESCRIBE shows it. */
    static String asDuckDb(String nameAndHiveType) {
        String[] p = nameAndHiveType.split(" ");
        String type = switch (p[1]) {
            case "string" -> "VARCHAR";
            case "bigint" -> "BIGINT";
            case "int" -> "INTEGER";
            case "double" -> "DOUBLE";
            case "date" -> "DATE";
            default -> {
                assertTrue(p[1].matches("decimal\\(\\d+,\\d+\\)"), p[1]);
                yield p[1].toUpperCase(java.util.Locale.ROOT);
            }
        };
        return p[0] + " " + type;
    }

    static Object minus(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Double || b instanceof Double) {
            return ((Number) a).doubleValue() - ((Number) b).doubleValue();
        }
        return new BigDecimal(a.toString()).subtract(new BigDecimal(b.toString()));
    }

    static void assertSameNumber(Object expected, Object actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertTrue(actual instanceof Number, what + ": " + actual);
        if (expected instanceof Double || actual instanceof Double) {
            assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), 1e-9, what);
        } else {
            assertEquals(0, new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())),
                    what + ": " + expected + " vs " + actual);
        }
    }

    static Number num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        assertTrue(v instanceof Number, column + " = " + v + " in " + row);
        return (Number) v;
    }

    static Double dbl(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    static LocalDate date(Object v) {
        return LocalDate.parse(v.toString());
    }

    static BigDecimal decimal(Object v) {
        return new BigDecimal(v.toString());
    }

    static String tableOf(String file) {
        return file.substring(0, file.lastIndexOf('_'));
    }

    static String yearOf(String file) {
        return file.substring(file.lastIndexOf('_') + 1, file.lastIndexOf('_') + 5);
    }

    static String monthOf(String file) {
        return file.substring(file.lastIndexOf('_') + 5, file.lastIndexOf('_') + 7);
    }

    static long dataLines(Path csv) throws Exception {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.skip(1).filter(l -> !l.isBlank()).count();
        }
    }
}
