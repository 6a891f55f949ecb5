package br.com.podcartoes.lake.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.catalog.AthenaSql;
import br.com.podcartoes.lake.catalog.CatalogTable;
import br.com.podcartoes.lake.catalog.FakeGlue;
import br.com.podcartoes.lake.catalog.GlueCatalogRegistrar;
import br.com.podcartoes.lake.catalog.GlueTables;
import br.com.podcartoes.lake.catalog.LakeCatalog;
import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.pipeline.MonthlyRun;
import br.com.podcartoes.lake.pipeline.RunFailedException;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * The analysts' queries of sql/athena/consultas/, run as written (placeholders substituted) by DuckDB on
 * the Parquet a real pipeline run wrote, under the table names Athena sees. Expected values come from the
 * generator's record of planted rows, the CSV text, or Java over plain row reads, never from the query.
 * The last two months also go through a Glue registration (fake endpoint): denied, then accepted.
 */
class AthenaQueriesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    static Path dir;

    static final YearMonth FROM = YearMonth.of(2023, 1);
    static final YearMonth TO = YearMonth.of(2023, 3);
    static final Path QUERIES = Path.of("..", "sql", "athena", "consultas");
    static final String GLUE_LAKE = "s3://pod-lake-test/lake";

    static Path landing;
    static Path lake;
    static List<Planted> planted;
    static DuckDb db;
    static FakeGlue glue;
    static RunReport deniedReport;
    static String deniedError;
    static RunReport registeredReport;
    static List<FakeGlue.Call> registeredCalls;

    @BeforeAll
    static void runThePipeline() throws Exception {
        long t0 = System.nanoTime();
        landing = dir.resolve("landing");
        lake = dir.resolve("lake");
        planted = new SampleDataGenerator(200, 11, 0.05, 0.15).write(FROM, TO, landing);
        assertEquals(0, Main.execute("run", "--month", FROM.toString(), "--landing", landing.toString(), "--lake",
                lake.toString(), "--detect-attempts", "1", "--parallelism", "2"), "run " + FROM);
        // The next two months register in a (fake) Glue: February is denied on one table, March goes through.
        glue = new FakeGlue();
        PipelineOptions options = PipelineOptions.defaults().withLanding(landing.toString()).withLake(lake.toString());
        GlueCatalogRegistrar registrar = new GlueCatalogRegistrar(glue::client, "pod_cartoes", new LakeCatalog(GLUE_LAKE));
        glue.answer("CreateTable", "book_fatura", FakeGlue.error("AccessDeniedException",
                "not authorized to perform: glue:CreateTable on resource: table/pod_cartoes/book_fatura"));
        RunFailedException denied = assertThrows(RunFailedException.class,
                () -> new MonthlyRun(options, registrar).run(FROM.plusMonths(1)));
        deniedReport = denied.report();
        deniedError = denied.getMessage();
        glue.reset();
        registeredReport = new MonthlyRun(options, registrar).run(TO);
        registeredCalls = glue.calls();
        System.out.println("pipeline runs took " + (System.nanoTime() - t0) / 1_000_000 + " ms");

        db = new DuckDb();
        LakeCatalog catalog = new LakeCatalog(AthenaSql.TEMPLATE_ROOT);
        for (CatalogTable t : catalog.tables()) {
            // The names Athena sees; partition columns as strings, as in Glue.
            db.execute("CREATE VIEW " + t.name() + " AS SELECT * FROM read_parquet('" + local(catalog, t) + "/*/*/*', "
                    + "hive_partitioning = true, hive_types = {'ano': VARCHAR, 'mes': VARCHAR})");
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
        if (glue != null) {
            glue.close();
        }
    }

    @Test
    void ddlAndGlueDeclareExactlyTheTypesOfTheParquetFiles() throws Exception {
        for (CatalogTable t : new LakeCatalog(AthenaSql.TEMPLATE_ROOT).tables()) {
            List<String> parquet = new ArrayList<>();
            db.schema(t.name()).forEach((name, type) -> parquet.add(name + " " + type));
            List<String> ddl = AthenaDdlText.columns(Files.readString(AthenaSqlFilesTest.DIR.resolve("ddl")
                    .resolve(t.name() + ".sql"))).stream().map(AthenaQueriesIT::asDuckDb).toList();
            assertEquals(parquet, ddl, t.name() + ": DDL vs Parquet");
            List<String> glueColumns = new ArrayList<>();
            for (Column c : GlueTables.table(t).storageDescriptor().columns()) {
                glueColumns.add(asDuckDb(c.name() + " " + c.type()));
            }
            assertEquals(parquet.subList(0, parquet.size() - 2), glueColumns, t.name() + ": Glue vs Parquet");
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
            JsonNode report = Reports.latest(lake, m.toString()); // February's failed only at the catalog stage
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

    @Test
    void aDeniedGlueRegistrationFailsTheRunButKeepsTheData() throws Exception {
        JsonNode failed = deniedReport.json();
        assertEquals("FALHA", failed.path("resultado").asText());
        assertEquals("catalogo", failed.path("etapa_falha").asText());
        assertEquals("NAO_ATUALIZADO", failed.path("catalogo").asText());
        assertEquals("GRAVADOS", failed.path("dados").asText());
        assertTrue(deniedError.contains("pod_cartoes.book_fatura") && deniedError.contains("AccessDeniedException")
                && deniedError.contains("CreateTable"), deniedError);
        try (Stream<Path> files = Files.list(lake.resolve("refined/book_fatura/ano=2023/mes=02"))) {
            assertTrue(files.findAny().isPresent(), "the book was written before the catalog stage");
        }
    }

    @Test
    void anAcceptedGlueRegistrationPointsEveryPartitionAtTheFolderTheRunWrote() throws Exception {
        assertEquals("SUCESSO", registeredReport.json().path("resultado").asText());
        assertEquals("ATUALIZADO", registeredReport.json().path("catalogo").asText());
        List<FakeGlue.Call> batches = registeredCalls.stream().filter(c -> c.operation().equals("BatchCreatePartition")).toList();
        assertEquals(List.of("tb_faturas", "tb_pagamentos", "quarentena_tb_faturas", "quarentena_tb_pagamentos", "book_fatura"),
                batches.stream().map(c -> c.body().get("TableName").asText()).toList());
        for (FakeGlue.Call c : batches) {
            JsonNode partitions = c.body().get("PartitionInputList");
            assertEquals(1, partitions.size(), "nothing later to rebuild");
            assertEquals("[\"2023\",\"03\"]", partitions.at("/0/Values").toString());
            String location = partitions.at("/0/StorageDescriptor/Location").asText();
            assertTrue(location.startsWith(GLUE_LAKE + "/") && location.endsWith("/ano=2023/mes=03/"), location);
            Path written = lake.resolve(location.substring(GLUE_LAKE.length() + 1));
            String table = c.body().get("TableName").asText();
            String file = table.replace("quarentena_", "") + "_202303.csv";
            // A quarantine partition with no rows has no folder: registered anyway, Athena reads it as empty.
            boolean hasRows = !table.startsWith("quarentena_")
                    || planted.stream().anyMatch(p -> p.file().equals(file) && !p.outcome().equals(Planted.DUPLICATE));
            assertEquals(hasRows, Files.isDirectory(written), "the partition registered is the folder the run wrote: " + written);
            if (hasRows) {
                try (Stream<Path> files = Files.list(written)) {
                    assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("part-")), written.toString());
                }
            }
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

    static Path local(LakeCatalog catalog, CatalogTable t) {
        return lake.resolve(t.location().substring(catalog.root().length() + 1));
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
