import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The benchmark's own tool (run by bench/run.sh with the DuckDB JDBC jar and the pipeline's jar on the classpath:
 * of the pipeline's jar only the libraries are used — Apache Iceberg, Hadoop, sqlite-jdbc — to list the lake's
 * Iceberg tables; no class of the pipeline's own code, so the reference stays independent of it).
 *
 * <ul>
 *   <li>{@code reference}: the monthly job's work done by DuckDB: the month's two CSV files validated, typed and
 *       deduplicated with the data contract's rules (docs/data-contract.md), then the book of the month computed
 *       from the pipeline's curated Iceberg tables (the data files of their current snapshot) of the earlier
 *       months plus this reference's own curated month (docs/book-variables.md). Writes its curated, quarantine and book Parquet and {@code result.json}.</li>
 *   <li>{@code compare}: the pipeline's book of the month against the reference's (all 34 columns: exact for
 *       counts, amounts, dates and integers, 1e-9 for doubles, NULL equals only NULL), the curated counts of the
 *       run report against the reference's, and the curated rows of the month; then prints and writes the
 *       benchmark summary (times, rows per second, peak RSS, JVM heap). Exit code 3 when something differs.</li>
 * </ul>
 */
public final class BenchTool {
    private BenchTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: BenchTool reference|compare --option value ...");
            System.exit(2);
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "reference" -> Reference.run(o);
            case "compare" -> System.exit(Compare.run(o));
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option near " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    static String need(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------------
    // The contract, written again here from docs/data-contract.md (not taken from flink-app).

    enum Kind { TEXT, INTEGER, DATE, AMOUNT }

    record Field(String name, Kind kind) {}

    enum Table {
        FATURAS("tb_faturas", "id_fatura", "data_emissao", List.of(
                new Field("id_fatura", Kind.TEXT), new Field("id_cliente", Kind.INTEGER),
                new Field("data_emissao", Kind.DATE), new Field("data_vencimento", Kind.DATE),
                new Field("valor_fatura", Kind.AMOUNT), new Field("valor_pagamento_minimo", Kind.AMOUNT))),
        PAGAMENTOS("tb_pagamentos", "id_pagamento", "data_pagamento", List.of(
                new Field("id_pagamento", Kind.TEXT), new Field("id_fatura", Kind.TEXT),
                new Field("id_cliente", Kind.INTEGER), new Field("data_pagamento", Kind.DATE),
                new Field("valor_pagamento", Kind.AMOUNT)));

        final String name;
        final String key;
        final String monthField;
        final List<Field> fields;

        Table(String name, String key, String monthField, List<Field> fields) {
            this.name = name;
            this.key = key;
            this.monthField = monthField;
            this.fields = fields;
        }

        String file(YearMonth m) {
            return String.format("%s_%04d%02d.csv", name, m.getYear(), m.getMonthValue());
        }

        String columns() {
            return fields.stream().map(Field::name).collect(Collectors.joining(", "));
        }
    }

    static final String[] WINDOWS = {"u1m", "u3m", "u6m", "u12m"};
    static final int[] WINDOW_MONTHS = {1, 3, 6, 12};

    /** The 34 book columns in the pipeline's order, with their types (docs/book-variables.md). */
    static LinkedHashMap<String, String> bookColumns() {
        LinkedHashMap<String, String> cols = new LinkedHashMap<>();
        cols.put("id_cliente", "BIGINT");
        cols.put("dt_referencia", "DATE");
        for (String w : WINDOWS) {
            cols.put("qtd_faturas_" + w, "BIGINT");
            cols.put("vl_fatura_total_" + w, "DECIMAL(18,2)");
            cols.put("vl_fatura_medio_" + w, "DECIMAL(18,2)");
            cols.put("pct_pagamento_em_dia_" + w, "DOUBLE");
            cols.put("pct_inadimplencia_" + w, "DOUBLE");
            cols.put("dias_atraso_medio_" + w, "DOUBLE");
            cols.put("dias_atraso_max_" + w, "INTEGER");
            cols.put("pct_valor_pago_" + w, "DOUBLE");
        }
        return cols;
    }

    // ------------------------------------------------------------------------------------------------------

    /** The reference implementation of the monthly job's curated and book stages, in DuckDB. */
    static final class Reference {
        private final Db db;
        private final YearMonth month;
        private final Path lake;
        private final Path out;
        private final Map<String, Long> stepMs = new LinkedHashMap<>();
        private final Map<Table, Map<String, Long>> counts = new LinkedHashMap<>();
        private LakeFiles lakeFiles;

        Reference(Db db, YearMonth month, Path lake, Path out) {
            this.db = db;
            this.month = month;
            this.lake = lake;
            this.out = out;
        }

        static void run(Map<String, String> o) throws Exception {
            long t0 = System.nanoTime();
            YearMonth month = YearMonth.parse(need(o, "month"));
            Path landing = Path.of(need(o, "landing"));
            Path lake = Path.of(need(o, "lake"));
            Path out = Path.of(need(o, "out"));
            deleteTree(out);
            Files.createDirectories(out.resolve("tmp"));
            long tOpen = System.nanoTime();
            try (Db db = new Db()) {
                db.exec("SET threads = " + Integer.parseInt(o.getOrDefault("threads", "2")));
                db.exec("SET memory_limit = '" + o.getOrDefault("memory", "4GB") + "'");
                db.exec("SET temp_directory = '" + out.resolve("tmp") + "'");
                db.exec("SET preserve_insertion_order = false");
                Reference r = new Reference(db, month, lake, out);
                r.stepMs.put("abrir o DuckDB (biblioteca nativa, configuração)", (System.nanoTime() - tOpen) / 1_000_000);
                System.out.printf(Locale.ROOT, "  referência: %-70s %7.1f s%n", "abrir o DuckDB (biblioteca nativa, configuração)",
                        (System.nanoTime() - tOpen) / 1e9);
                r.step("listar os arquivos do curated (snapshot atual, catálogo Iceberg)",
                        () -> r.lakeFiles = LakeFiles.list(lake, Table.FATURAS.name, Table.PAGAMENTOS.name));
                r.step("curated tb_faturas (ler, validar, tipar, deduplicar)",
                        () -> r.curate(Table.FATURAS, landing.resolve(Table.FATURAS.file(month))));
                r.step("curated tb_pagamentos (ler, validar, tipar, deduplicar, referências)",
                        () -> r.curate(Table.PAGAMENTOS, landing.resolve(Table.PAGAMENTOS.file(month))));
                r.step("gravar curated e quarentena (Parquet)", r::writeCurated);
                r.step("book (12 meses: curated do pipeline + curated da referência)", r::book);
                r.step("gravar book (Parquet)", r::writeBook);
                long bookRows = db.count("SELECT COUNT(*) FROM ref_book");
                long total = (System.nanoTime() - t0) / 1_000_000;
                r.writeResult(total, bookRows, o);
                System.out.printf(Locale.ROOT, "referência DuckDB: %.1f s no total (dentro do processo), book %d linhas%n",
                        total / 1000.0, bookRows);
            }
        }

        interface Work {
            void run() throws Exception;
        }

        void step(String name, Work w) throws Exception {
            long t0 = System.nanoTime();
            w.run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            stepMs.put(name, ms);
            System.out.printf(Locale.ROOT, "  referência: %-70s %7.1f s%n", name, ms / 1000.0);
        }

        /** A relation of the lake table's rows in [from, to] minus except, or an empty one with the same columns. */
        String lakeRows(Table t, String columns, YearMonth from, YearMonth to, YearMonth except) {
            List<String> files = lakeFiles.files(t.name, from, to, except);
            return files.isEmpty() ? "(SELECT " + columns + " FROM ref_empty_" + t.name + ")"
                    : "(SELECT " + columns + " FROM " + LakeFiles.parquet(files) + ")";
        }

        /** Row rules (in the contract's order), then key rules, for one of the month's files. */
        void curate(Table t, Path csv) throws Exception {
            List<String> header = Header.read(t, csv);
            int width = header.size();
            String n = t.name;
            db.exec("CREATE OR REPLACE TABLE ref_empty_" + n + " AS SELECT " + t.fields.stream()
                    .map(f -> "CAST(NULL AS " + sqlType(f.kind) + ") AS " + f.name).collect(Collectors.joining(", "))
                    + " WHERE FALSE");
            // One more column than the header: with strict_mode off DuckDB folds extra fields into the last
            // declared column, so a non-NULL spare column means "more fields than the header"; null_padding
            // leaves missing fields NULL ("fewer"). nullstr is a marker that never occurs, so an empty field
            // is '' and not NULL. A line of spaces/tabs comes back as one field: blank, skipped.
            StringBuilder cols = new StringBuilder();
            StringBuilder present = new StringBuilder();
            for (int i = 1; i <= width + 1; i++) {
                cols.append(i > 1 ? ", " : "").append("'c").append(i).append("': 'VARCHAR'");
                present.append(i > 1 ? " + " : "").append("(c").append(i).append(" IS NOT NULL)::INT");
            }
            String read = "read_csv('" + csv + "', auto_detect = false, header = false, skip = 1, delim = ',',"
                    + " quote = '\"', escape = '\"', null_padding = true, strict_mode = false,"
                    + " nullstr = '\\u0001never\\u0001', columns = {" + cols + "})";
            StringBuilder fields = new StringBuilder();
            StringBuilder typed = new StringBuilder();
            List<String> empty = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (Field f : t.fields) {
                int pos = header.indexOf(f.name) + 1;
                fields.append(", trim(c").append(pos).append(", ' \t') AS s_").append(f.name);
                empty.add("s_" + f.name + " = ''");
                String s = "s_" + f.name;
                String expr = switch (f.kind) {
                    case TEXT -> s;
                    case INTEGER -> "CASE WHEN regexp_full_match(" + s + ", '-?[0-9]+') THEN TRY_CAST(" + s
                            + " AS BIGINT) END";
                    case DATE -> "CASE WHEN regexp_full_match(" + s + ", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST("
                            + s + " AS DATE) END";
                    // DECIMAL(15,2): |value| < 10^13; the pattern allows at most 2 decimals, so the cast is exact.
                    case AMOUNT -> "CASE WHEN regexp_full_match(" + s + ", '-?[0-9]+(\\.[0-9]{1,2})?')"
                            + " AND abs(TRY_CAST(" + s + " AS DECIMAL(38,2))) < 10000000000000"
                            + " THEN CAST(TRY_CAST(" + s + " AS DECIMAL(38,2)) AS DECIMAL(15,2)) END";
                };
                typed.append(", ").append(expr).append(" AS ").append(f.name);
                if (f.kind != Kind.TEXT) {
                    invalid.add(f.name + " IS NULL");
                }
            }
            String domain;
            String dueBefore;
            if (t == Table.FATURAS) {
                domain = "id_cliente <= 0 OR valor_fatura < 0 OR valor_pagamento_minimo < 0"
                        + " OR valor_pagamento_minimo > valor_fatura";
                dueBefore = "data_vencimento < data_emissao";
            } else {
                domain = "id_cliente <= 0 OR valor_pagamento <= 0";
                dueBefore = "FALSE";
            }
            String monthStart = "DATE '" + month.atDay(1) + "'";
            db.exec("CREATE OR REPLACE TABLE ref_parsed_" + n + " AS"
                    + " WITH l AS (SELECT * FROM " + read + " WHERE NOT (c2 IS NULL AND trim(c1, ' \t') = '')),"
                    + " s AS (SELECT " + present + " AS campos" + fields + " FROM l),"
                    + " v AS (SELECT *" + typed + " FROM s)"
                    + " SELECT *, CASE"
                    + "  WHEN campos <> " + width + " THEN 'NUMERO_DE_CAMPOS'"
                    + "  WHEN " + String.join(" OR ", empty) + " THEN 'CAMPO_OBRIGATORIO_VAZIO'"
                    + "  WHEN " + String.join(" OR ", invalid) + " THEN 'TIPO_INVALIDO'"
                    + "  WHEN " + domain + " THEN 'VALOR_FORA_DO_DOMINIO'"
                    + "  WHEN " + dueBefore + " THEN 'VENCIMENTO_ANTES_DA_EMISSAO'"
                    + "  WHEN date_trunc('month', " + t.monthField + ") <> " + monthStart + " THEN 'MES_DIVERGENTE'"
                    + " END AS motivo FROM v");
            // Key rules among the rows that passed the row rules. A key with more than one typed content is
            // CHAVE_CONFLITANTE for all its rows; otherwise one row is kept and the others are exact
            // duplicates. (The contract keeps the first line; the kept row's content is the same whichever
            // line it came from, so no order is needed here.)
            String content = "{" + t.fields.stream().map(f -> "'" + f.name + "': " + f.name)
                    .collect(Collectors.joining(", ")) + "}";
            db.exec("CREATE OR REPLACE TABLE ref_keys_" + n + " AS SELECT " + t.key + " AS chave,"
                    + " COUNT(DISTINCT " + content + ") AS conteudos, COUNT(*) AS linhas"
                    + " FROM ref_parsed_" + n + " WHERE motivo IS NULL GROUP BY " + t.key);
            String existing = lakeRows(t, t.key, null, null, month);
            String rules = "CASE WHEN c." + t.key + " IN (SELECT " + t.key + " FROM " + existing + ")"
                    + " THEN 'CHAVE_JA_EXISTENTE'";
            String joins = "";
            if (t == Table.PAGAMENTOS) {
                // Invoices a payment may reference: curated in the months before, or curated by this run.
                String earlier = lakeRows(Table.FATURAS, "id_fatura, id_cliente, data_emissao", null,
                        month.minusMonths(1), null);
                db.exec("CREATE OR REPLACE TABLE ref_known_invoices AS SELECT id_fatura AS fatura,"
                        + " id_cliente AS cliente, data_emissao AS emissao FROM " + earlier
                        + " UNION ALL SELECT id_fatura, id_cliente, data_emissao FROM ref_curated_tb_faturas");
                joins = " LEFT JOIN ref_known_invoices i ON c.id_fatura = i.fatura";
                rules += " WHEN i.fatura IS NULL THEN 'FATURA_INEXISTENTE'"
                        + " WHEN i.cliente <> c.id_cliente THEN 'CLIENTE_DIVERGENTE'"
                        + " WHEN c.data_pagamento < i.emissao THEN 'PAGAMENTO_ANTES_DA_EMISSAO'";
            }
            rules += " END";
            db.exec("CREATE OR REPLACE TABLE ref_candidates_" + n + " AS SELECT c.*, " + rules + " AS motivo_final"
                    + " FROM (SELECT DISTINCT " + t.columns() + " FROM ref_parsed_" + n + " p"
                    + "   JOIN ref_keys_" + n + " k ON p." + t.key + " = k.chave"
                    + "   WHERE p.motivo IS NULL AND k.conteudos = 1) c" + joins);
            db.exec("CREATE OR REPLACE TABLE ref_curated_" + n + " AS SELECT " + t.columns()
                    + " FROM ref_candidates_" + n + " WHERE motivo_final IS NULL");
            String raw = t.fields.stream().map(f -> "s_" + f.name).collect(Collectors.joining(", "));
            db.exec("CREATE OR REPLACE TABLE ref_quarantine_" + n + " AS"
                    + " SELECT motivo, concat_ws(',', " + raw + ") AS registro FROM ref_parsed_" + n
                    + "   WHERE motivo IS NOT NULL"
                    + " UNION ALL SELECT 'CHAVE_CONFLITANTE', concat_ws(',', " + raw + ") FROM ref_parsed_" + n + " p"
                    + "   JOIN ref_keys_" + n + " k ON p." + t.key + " = k.chave WHERE p.motivo IS NULL AND k.conteudos > 1"
                    + " UNION ALL SELECT motivo_final, concat_ws(',', " + t.fields.stream()
                            .map(f -> "CAST(" + f.name + " AS VARCHAR)").collect(Collectors.joining(", ")) + ")"
                    + "   FROM ref_candidates_" + n + " WHERE motivo_final IS NOT NULL");
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("lidas", db.count("SELECT COUNT(*) FROM ref_parsed_" + n));
            c.put("curadas", db.count("SELECT COUNT(*) FROM ref_curated_" + n));
            c.put("quarentena", db.count("SELECT COUNT(*) FROM ref_quarantine_" + n));
            c.put("duplicadas", db.count("SELECT COALESCE(SUM(linhas - 1), 0) FROM ref_keys_" + n + " WHERE conteudos = 1"));
            for (List<Object> r : db.rows("SELECT motivo, COUNT(*) FROM ref_quarantine_" + n + " GROUP BY motivo ORDER BY motivo")) {
                c.put("motivo:" + r.get(0), ((Number) r.get(1)).longValue());
            }
            counts.put(t, c);
        }

        static String sqlType(Kind k) {
            return switch (k) {
                case TEXT -> "VARCHAR";
                case INTEGER -> "BIGINT";
                case DATE -> "DATE";
                case AMOUNT -> "DECIMAL(15,2)";
            };
        }

        void writeCurated() throws SQLException {
            for (Table t : Table.values()) {
                db.exec("COPY ref_curated_" + t.name + " TO '" + out.resolve("curated_" + t.name + ".parquet")
                        + "' (FORMAT parquet, COMPRESSION snappy)");
                db.exec("COPY ref_quarantine_" + t.name + " TO '" + out.resolve("quarantine_" + t.name + ".parquet")
                        + "' (FORMAT parquet, COMPRESSION snappy)");
            }
        }

        /**
         * The book of the month, point in time at D (last day of M), from the definitions: the invoices issued in
         * the 12 months ending at M and, of their payments, those dated up to D. Amounts in integer cents, the
         * average half-up to cents; ratios as doubles.
         */
        void book() throws Exception {
            YearMonth first = month.minusMonths(11);
            String d = "DATE '" + month.atEndOfMonth() + "'";
            int m = month.getYear() * 12 + month.getMonthValue();
            String invoices = lakeRows(Table.FATURAS,
                    "id_fatura, id_cliente, data_emissao, data_vencimento, valor_fatura, valor_pagamento_minimo",
                    first, month.minusMonths(1), null)
                    + " UNION ALL SELECT id_fatura, id_cliente, data_emissao, data_vencimento, valor_fatura,"
                    + " valor_pagamento_minimo FROM ref_curated_tb_faturas";
            String payments = lakeRows(Table.PAGAMENTOS, "id_fatura, data_pagamento, valor_pagamento",
                    first, month.minusMonths(1), null)
                    + " UNION ALL SELECT id_fatura, data_pagamento, valor_pagamento FROM ref_curated_tb_pagamentos";
            StringBuilder agg = new StringBuilder();
            for (int i = 0; i < WINDOWS.length; i++) {
                String w = "atras < " + WINDOW_MONTHS[i];
                String s = "_" + WINDOWS[i];
                String n = "COUNT(*) FILTER (WHERE " + w + ")";
                String nv = "COUNT(*) FILTER (WHERE " + w + " AND vencida)";
                String cents = "SUM(cents) FILTER (WHERE " + w + ")";
                agg.append(",\n ").append(n).append(" AS qtd_faturas").append(s)
                        .append(", COALESCE(").append(cents).append(", 0) AS t_total").append(s)
                        .append(", (2 * ").append(cents).append(" + ").append(n).append(") // (2 * NULLIF(")
                        .append(n).append(", 0)) AS t_medio").append(s)
                        .append(", 100 * CAST(COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida AND em_dia) AS DOUBLE)")
                        .append(" / CAST(NULLIF(").append(nv).append(", 0) AS DOUBLE) AS pct_pagamento_em_dia").append(s)
                        .append(", 100 * CAST(COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida AND inadimplente) AS DOUBLE)")
                        .append(" / CAST(NULLIF(").append(nv).append(", 0) AS DOUBLE) AS pct_inadimplencia").append(s)
                        .append(", CAST(SUM(dias) FILTER (WHERE ").append(w).append(" AND vencida) AS DOUBLE)")
                        .append(" / CAST(NULLIF(").append(nv).append(", 0) AS DOUBLE) AS dias_atraso_medio").append(s)
                        .append(", CAST(MAX(dias) FILTER (WHERE ").append(w).append(" AND vencida) AS INTEGER) AS dias_atraso_max").append(s)
                        .append(", 100 * CAST(SUM(pago_cents) FILTER (WHERE ").append(w).append(") AS DOUBLE)")
                        .append(" / CAST(NULLIF(").append(cents).append(", 0) AS DOUBLE) AS pct_valor_pago").append(s);
            }
            // Output column order and types are the book's; amounts go from cents back to DECIMAL(18,2).
            List<String> select = new ArrayList<>();
            for (Map.Entry<String, String> c : bookColumns().entrySet()) {
                String col = c.getKey();
                if (col.equals("dt_referencia")) {
                    select.add(d + " AS dt_referencia");
                } else if (col.startsWith("vl_fatura_total_")) {
                    select.add(cents("t_total_" + col.substring(16)) + " AS " + col);
                } else if (col.startsWith("vl_fatura_medio_")) {
                    select.add(cents("t_medio_" + col.substring(16)) + " AS " + col);
                } else {
                    select.add(col);
                }
            }
            db.exec("CREATE OR REPLACE TABLE ref_book AS"
                    + " WITH f AS (" + invoices + "),"
                    + " p AS (SELECT id_fatura, SUM(CAST(valor_pagamento * 100 AS BIGINT)) AS pago,"
                    + "   MIN(data_pagamento) AS primeiro FROM (" + payments + ") WHERE data_pagamento <= " + d
                    + "   GROUP BY id_fatura),"
                    + " s AS (SELECT f.id_cliente, " + m + " - (year(f.data_emissao) * 12 + month(f.data_emissao)) AS atras,"
                    + "   CAST(f.valor_fatura * 100 AS BIGINT) AS cents, COALESCE(p.pago, 0) AS pago_cents,"
                    + "   f.data_vencimento <= " + d + " AS vencida,"
                    + "   p.primeiro IS NOT NULL AND p.primeiro <= f.data_vencimento AS em_dia,"
                    + "   COALESCE(p.pago, 0) < CAST(f.valor_pagamento_minimo * 100 AS BIGINT) AS inadimplente,"
                    + "   greatest(0, date_diff('day', f.data_vencimento, COALESCE(p.primeiro, " + d + "))) AS dias"
                    + "   FROM f LEFT JOIN p ON f.id_fatura = p.id_fatura"
                    + "   WHERE f.data_emissao <= " + d + "),"
                    + " a AS (SELECT id_cliente" + agg + "\n FROM s GROUP BY id_cliente)"
                    + " SELECT " + String.join(", ", select) + " FROM a");
        }

        /** Integer cents to DECIMAL(18,2), exactly (a multiplication of decimals, not a division). */
        static String cents(String expr) {
            return "CAST(CAST(" + expr + " AS DECIMAL(18,0)) * 0.01 AS DECIMAL(18,2))";
        }

        void writeBook() throws SQLException {
            db.exec("COPY ref_book TO '" + out.resolve("book.parquet") + "' (FORMAT parquet, COMPRESSION snappy)");
        }

        void writeResult(long totalMs, long bookRows, Map<String, String> o) throws IOException {
            StringBuilder j = new StringBuilder("{\n");
            j.append("  \"threads\": ").append(o.getOrDefault("threads", "2")).append(",\n");
            j.append("  \"memory_limit\": \"").append(o.getOrDefault("memory", "4GB")).append("\",\n");
            j.append("  \"total_ms\": ").append(totalMs).append(",\n");
            j.append("  \"book_linhas\": ").append(bookRows).append(",\n");
            j.append("  \"etapas\": [");
            String sep = "\n";
            for (Map.Entry<String, Long> e : stepMs.entrySet()) {
                j.append(sep).append("    {\"etapa\": \"").append(e.getKey()).append("\", \"duracao_ms\": ")
                        .append(e.getValue()).append('}');
                sep = ",\n";
            }
            j.append("\n  ],\n  \"tabelas\": {");
            sep = "\n";
            for (Map.Entry<Table, Map<String, Long>> t : counts.entrySet()) {
                j.append(sep).append("    \"").append(t.getKey().name).append("\": {");
                String s2 = "";
                StringBuilder reasons = new StringBuilder();
                for (Map.Entry<String, Long> c : t.getValue().entrySet()) {
                    if (c.getKey().startsWith("motivo:")) {
                        reasons.append(reasons.length() == 0 ? "" : ", ").append('"').append(c.getKey().substring(7))
                                .append("\": ").append(c.getValue());
                    } else {
                        j.append(s2).append('"').append(c.getKey()).append("\": ").append(c.getValue());
                        s2 = ", ";
                    }
                }
                j.append(", \"quarentena_por_motivo\": {").append(reasons).append("}}");
                sep = ",\n";
            }
            j.append("\n  }\n}\n");
            Files.writeString(out.resolve("result.json"), j.toString());
        }
    }

    /**
     * The data files of the lake's Iceberg tables at their current snapshot, by month, listed with Iceberg's own
     * Java API through the lake's JDBC catalog ({@code <lake>/_catalog/iceberg.db}, SQLite). A folder glob would
     * be wrong: {@code data/ano=YYYY/mes=MM/} also keeps the files of older snapshots.
     */
    static final class LakeFiles {
        static final String NAMESPACE = "pod_cartoes";
        /** The JDBC catalog keeps each table under the name of the catalog that created it: the pipeline's "lake". */
        static final String CATALOG = "lake";

        private final Map<String, TreeMap<YearMonth, List<String>>> files = new HashMap<>();
        private final Map<String, Long> snapshots = new HashMap<>();

        static LakeFiles list(Path lake, String... tables) throws IOException {
            LakeFiles out = new LakeFiles();
            try (JdbcCatalog catalog = new JdbcCatalog()) {
                catalog.setConf(new Configuration());
                catalog.initialize(CATALOG, Map.of("uri", "jdbc:sqlite:" + lake.resolve("_catalog/iceberg.db"),
                        "jdbc.schema-version", "V1", "warehouse", lake.toUri().toString()));
                for (String name : tables) {
                    TreeMap<YearMonth, List<String>> byMonth = new TreeMap<>();
                    out.files.put(name, byMonth);
                    TableIdentifier id = TableIdentifier.of(Namespace.of(NAMESPACE), name);
                    if (!catalog.tableExists(id)) {
                        throw new IllegalStateException("a tabela " + id + " não existe no catálogo "
                                + lake.resolve("_catalog/iceberg.db") + " (catálogo " + CATALOG + ")");
                    }
                    org.apache.iceberg.Table table = catalog.loadTable(id);
                    if (table.currentSnapshot() == null) {
                        continue;
                    }
                    out.snapshots.put(name, table.currentSnapshot().snapshotId());
                    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                        for (FileScanTask task : tasks) {
                            // read_parquet knows nothing of delete files: rows they delete would be read.
                            if (!task.deletes().isEmpty()) {
                                throw new IllegalStateException(name + ": o snapshot atual tem arquivos de deleção ("
                                        + task.file().location() + "); read_parquet não os aplicaria");
                            }
                            byMonth.computeIfAbsent(month(task), k -> new ArrayList<>()).add(localPath(task.file().location()));
                        }
                    }
                }
            }
            return out;
        }

        /** The month of a data file, from its partition tuple in the manifest ({@code ano}, {@code mes}: STRING). */
        static YearMonth month(FileScanTask task) {
            PartitionSpec spec = task.spec();
            StructLike values = task.file().partition();
            String ano = null;
            String mes = null;
            for (int i = 0; i < spec.fields().size(); i++) {
                String field = spec.fields().get(i).name();
                if (field.equals("ano")) {
                    ano = values.get(i, String.class);
                } else if (field.equals("mes")) {
                    mes = values.get(i, String.class);
                }
            }
            if (ano == null || mes == null) {
                throw new IllegalStateException("arquivo sem partição ano/mes (" + spec + "): " + task.file().location());
            }
            return YearMonth.of(Integer.parseInt(ano), Integer.parseInt(mes));
        }

        static String localPath(String location) {
            return location.startsWith("file:") ? Path.of(java.net.URI.create(location)).toString() : location;
        }

        /** The files of the months in [from, to] (null: unbounded) minus except. */
        List<String> files(String table, YearMonth from, YearMonth to, YearMonth except) {
            TreeMap<YearMonth, List<String>> byMonth = files.get(table);
            if (byMonth == null) {
                throw new IllegalArgumentException("tabela não listada: " + table);
            }
            List<String> out = new ArrayList<>();
            byMonth.forEach((m, f) -> {
                if ((from == null || !m.isBefore(from)) && (to == null || !m.isAfter(to)) && !m.equals(except)) {
                    out.addAll(f);
                }
            });
            return out;
        }

        /** The table's current snapshot id, or null when it has none. */
        Long snapshot(String table) {
            return snapshots.get(table);
        }

        /** DuckDB's read of these files, columns as stored ({@code ano}, {@code mes} included, as text). */
        static String parquet(List<String> files) {
            return "read_parquet([" + files.stream().map(f -> "'" + f.replace("'", "''") + "'")
                    .collect(Collectors.joining(", ")) + "], hive_partitioning = false)";
        }
    }

    /** The file's header, read and checked here (the contract's file rule: the column set must be exact). */
    static final class Header {
        static List<String> read(Table t, Path csv) throws IOException {
            String line;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            if (line == null) {
                throw new IOException(csv + ": arquivo vazio");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> names = new ArrayList<>();
            for (String s : line.split(",", -1)) {
                String v = s.strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
                }
                names.add(v.replaceAll("^[ \t]+|[ \t]+$", ""));
            }
            Set<String> expected = new LinkedHashSet<>();
            t.fields.forEach(f -> expected.add(f.name));
            if (names.size() != expected.size() || !new LinkedHashSet<>(names).equals(expected)) {
                throw new IOException(csv + ": cabeçalho " + names + " não é o do contrato " + expected);
            }
            return names;
        }
    }

    // ------------------------------------------------------------------------------------------------------

    /** Book, counts and curated rows of the pipeline against the reference; then the benchmark summary. */
    static final class Compare {
        static int run(Map<String, String> o) throws Exception {
            YearMonth month = YearMonth.parse(need(o, "month"));
            Path lake = Path.of(need(o, "lake"));
            Path ref = Path.of(need(o, "ref"));
            Path report = Path.of(need(o, "report"));
            List<String> problems = new ArrayList<>();
            Map<String, Object> facts = new LinkedHashMap<>();
            try (Db db = new Db()) {
                db.exec("SET threads = " + o.getOrDefault("threads", "2"));
                LakeFiles files = LakeFiles.list(lake, "book_fatura", Table.FATURAS.name, Table.PAGAMENTOS.name);
                compareSnapshots(db, report, files, problems);
                List<String> book = files.files("book_fatura", month, month, null);
                if (book.isEmpty()) {
                    problems.add("o snapshot atual de book_fatura não tem arquivos de " + month);
                } else {
                    String stored = LakeFiles.parquet(book);
                    checkPartitionColumns(db, "book_fatura", stored, month, problems);
                    compareBook(db, stored, "read_parquet('" + ref.resolve("book.parquet") + "')", problems, facts);
                }
                compareCounts(db, report, ref.resolve("result.json"), problems, facts);
                for (Table t : Table.values()) {
                    List<String> curated = files.files(t.name, month, month, null);
                    String mine = "read_parquet('" + ref.resolve("curated_" + t.name + ".parquet") + "')";
                    String pipe = curated.isEmpty() ? "(SELECT * FROM " + mine + " WHERE FALSE)" : LakeFiles.parquet(curated);
                    if (!curated.isEmpty()) {
                        checkPartitionColumns(db, t.name, pipe, month, problems);
                    }
                    long a = db.count("SELECT COUNT(*) FROM (SELECT " + t.columns() + " FROM " + pipe
                            + " EXCEPT ALL SELECT " + t.columns() + " FROM " + mine + ")");
                    long b = db.count("SELECT COUNT(*) FROM (SELECT " + t.columns() + " FROM " + mine
                            + " EXCEPT ALL SELECT " + t.columns() + " FROM " + pipe + ")");
                    System.out.printf("  curated %s %s: linhas só no pipeline=%d, só na referência=%d%n", t.name, month, a, b);
                    if (a != 0 || b != 0) {
                        problems.add("curated " + t.name + ": " + a + " linhas só no pipeline, " + b + " só na referência");
                    }
                }
                windowRows(db, files, month, facts);
                Summary.print(db, o, report, ref.resolve("result.json"), problems, facts);
            }
            if (!problems.isEmpty()) {
                System.out.println("DIFERENÇAS:");
                problems.forEach(p -> System.out.println("  - " + p));
                return 3;
            }
            return 0;
        }

        /**
         * The pipeline's book (its files as stored: the 34 columns, then the partition columns {@code ano},
         * {@code mes} that Iceberg also writes into each file) against the reference's.
         */
        static void compareBook(Db db, String stored, String reference, List<String> problems, Map<String, Object> facts)
                throws SQLException {
            LinkedHashMap<String, String> cols = bookColumns();
            LinkedHashMap<String, String> expectedCols = new LinkedHashMap<>(cols);
            expectedCols.put("ano", "VARCHAR");
            expectedCols.put("mes", "VARCHAR");
            List<String> pipeCols = new ArrayList<>();
            for (List<Object> r : db.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + stored + ")")) {
                pipeCols.add((String) r.get(0));
                String expected = expectedCols.get((String) r.get(0));
                if (expected != null && !expected.equals(r.get(1))) {
                    problems.add("book do pipeline: coluna " + r.get(0) + " é " + r.get(1) + ", esperado " + expected);
                }
            }
            if (!pipeCols.equals(new ArrayList<>(expectedCols.keySet()))) {
                problems.add("book do pipeline: colunas " + pipeCols + " diferem das 34 esperadas + ano, mes " + cols.keySet());
            }
            String pipeline = "(SELECT " + String.join(", ", cols.keySet()) + " FROM " + stored + ")";
            long pRows = db.count("SELECT COUNT(*) FROM " + pipeline);
            long rRows = db.count("SELECT COUNT(*) FROM " + reference);
            long pDup = db.count("SELECT COUNT(*) - COUNT(DISTINCT id_cliente) FROM " + pipeline);
            facts.put("book_linhas_pipeline", pRows);
            facts.put("book_linhas_referencia", rRows);
            List<String> checks = new ArrayList<>();
            checks.add("COUNT(*) FILTER (WHERE p.id_cliente IS NULL) AS so_na_referencia");
            checks.add("COUNT(*) FILTER (WHERE r.id_cliente IS NULL) AS so_no_pipeline");
            for (Map.Entry<String, String> c : cols.entrySet()) {
                String col = c.getKey();
                if (col.equals("id_cliente")) {
                    continue;
                }
                String differs = c.getValue().equals("DOUBLE")
                        ? "NOT ((p." + col + " IS NULL AND r." + col + " IS NULL) OR abs(p." + col + " - r." + col + ") <= 1e-9)"
                        : "p." + col + " IS DISTINCT FROM r." + col;
                checks.add("COUNT(*) FILTER (WHERE p.id_cliente IS NOT NULL AND r.id_cliente IS NOT NULL AND ("
                        + differs + ")) AS \"" + col + "\"");
            }
            List<Object> diff = db.rows("SELECT " + String.join(", ", checks) + " FROM " + pipeline + " p FULL OUTER JOIN "
                    + reference + " r ON p.id_cliente = r.id_cliente").get(0);
            List<String> names = db.columnNames("SELECT " + String.join(", ", checks) + " FROM " + pipeline
                    + " p FULL OUTER JOIN " + reference + " r ON p.id_cliente = r.id_cliente LIMIT 0");
            long total = 0;
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < diff.size(); i++) {
                long v = ((Number) diff.get(i)).longValue();
                total += v;
                if (v != 0) {
                    bad.add(names.get(i) + "=" + v);
                }
            }
            System.out.printf("  book: pipeline %d linhas, referência %d linhas, %d colunas conferidas; diferenças: %s%n",
                    pRows, rRows, cols.size(), bad.isEmpty() ? "nenhuma" : String.join(", ", bad));
            if (pDup != 0) {
                problems.add("book do pipeline: " + pDup + " id_cliente repetidos");
            }
            if (total != 0) {
                problems.add("book: " + String.join(", ", bad));
                String firstBad = bad.get(0).split("=")[0];
                if (cols.containsKey(firstBad)) {
                    for (List<Object> r : db.rows("SELECT p.id_cliente, p." + firstBad + ", r." + firstBad + " FROM "
                            + pipeline + " p JOIN " + reference + " r ON p.id_cliente = r.id_cliente WHERE p." + firstBad
                            + " IS DISTINCT FROM r." + firstBad + " LIMIT 5")) {
                        System.out.println("    exemplo " + firstBad + ": id_cliente=" + r.get(0) + " pipeline=" + r.get(1)
                                + " referência=" + r.get(2));
                    }
                }
            }
            facts.put("book_igual", total == 0 && pDup == 0);
        }

        static void compareCounts(Db db, Path report, Path result, List<String> problems, Map<String, Object> facts)
                throws SQLException {
            boolean same = true;
            for (Table t : Table.values()) {
                Map<String, Long> p = countsOf(db, report, t.name);
                Map<String, Long> r = countsOf(db, result, t.name);
                System.out.printf("  contagens %s: pipeline %s | referência %s%n", t.name, p, r);
                if (!p.equals(r)) {
                    same = false;
                    problems.add("contagens de " + t.name + " diferem: pipeline " + p + ", referência " + r);
                }
                facts.put("lidas_" + t.name, p.getOrDefault("lidas", 0L));
            }
            facts.put("contagens_iguais", same);
        }

        /** lidas, curadas, quarentena, duplicadas and quarentena_por_motivo of a table, from a report or result. */
        static Map<String, Long> countsOf(Db db, Path json, String table) throws SQLException {
            Map<String, Long> out = new TreeMap<>();
            String base = "(SELECT CAST(content AS JSON) -> '$.tabelas." + table + "' AS t FROM read_text('" + json + "'))";
            List<Object> r = db.rows("SELECT CAST(t ->> 'lidas' AS BIGINT), CAST(t ->> 'curadas' AS BIGINT),"
                    + " CAST(t ->> 'quarentena' AS BIGINT), CAST(t ->> 'duplicadas' AS BIGINT) FROM " + base).get(0);
            String[] names = {"lidas", "curadas", "quarentena", "duplicadas"};
            for (int i = 0; i < names.length; i++) {
                out.put(names[i], r.get(i) == null ? null : ((Number) r.get(i)).longValue());
            }
            for (List<Object> m : db.rows("SELECT k, CAST(json_extract_string(t -> '$.quarentena_por_motivo', k) AS BIGINT)"
                    + " FROM (SELECT t, unnest(json_keys(t -> '$.quarentena_por_motivo')) AS k FROM " + base + ")")) {
                long v = ((Number) m.get(1)).longValue();
                if (v != 0) {
                    out.put("motivo:" + m.get(0), v);
                }
            }
            return out;
        }

        /** Rows the book stage reads: curated invoices and payments of the 12-month window. */
        static void windowRows(Db db, LakeFiles files, YearMonth month, Map<String, Object> facts) throws SQLException {
            long rows = 0;
            for (Table t : Table.values()) {
                List<String> window = files.files(t.name, month.minusMonths(11), month, null);
                if (!window.isEmpty()) {
                    rows += db.count("SELECT COUNT(*) FROM " + LakeFiles.parquet(window));
                }
            }
            facts.put("linhas_janela_book", rows);
        }

        /** The month's files hold that month only: the manifest's partition tuple and the stored columns agree. */
        static void checkPartitionColumns(Db db, String table, String stored, YearMonth month, List<String> problems)
                throws SQLException {
            long other = db.count(String.format(Locale.ROOT,
                    "SELECT COUNT(*) FROM %s WHERE ano IS DISTINCT FROM '%04d' OR mes IS DISTINCT FROM '%02d'",
                    stored, month.getYear(), month.getMonthValue()));
            if (other != 0) {
                problems.add(table + ": " + other + " linhas nos arquivos de " + month + " com outro ano/mes");
            }
        }

        /** What compare reads is what the run committed: the current snapshot is the report's {@code depois}. */
        static void compareSnapshots(Db db, Path report, LakeFiles files, List<String> problems) throws SQLException {
            for (String table : List.of("book_fatura", Table.FATURAS.name, Table.PAGAMENTOS.name)) {
                List<Object> r = db.rows("SELECT CAST(CAST(content AS JSON) -> '$.snapshots.\"" + table + "\"' ->> 'depois' AS BIGINT)"
                        + " FROM read_text('" + report + "')").get(0);
                Long committed = r.get(0) == null ? null : ((Number) r.get(0)).longValue();
                Long current = files.snapshot(table);
                System.out.printf("  snapshot %s: relatório (depois) %s, atual no catálogo %s%n", table, committed, current);
                if (committed == null || !committed.equals(current)) {
                    problems.add(table + ": snapshot atual " + current + " não é o que a execução gravou (depois = " + committed + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------

    /** The benchmark's figures, from the run report, the reference's result, /usr/bin/time -v and the GC log. */
    static final class Summary {
        static void print(Db db, Map<String, String> o, Path report, Path refResult, List<String> problems,
                Map<String, Object> facts) throws Exception {
            Map<String, Long> stages = new LinkedHashMap<>();
            for (List<Object> r : db.rows("SELECT e ->> 'etapa', CAST(e ->> 'duracao_ms' AS BIGINT) FROM (SELECT"
                    + " unnest(json_extract(CAST(content AS JSON), '$.etapas[*]')) AS e FROM read_text('" + report + "'))")) {
                stages.merge((String) r.get(0), ((Number) r.get(1)).longValue(), Long::sum);
            }
            Map<String, Long> refSteps = new LinkedHashMap<>();
            for (List<Object> r : db.rows("SELECT e ->> 'etapa', CAST(e ->> 'duracao_ms' AS BIGINT) FROM (SELECT"
                    + " unnest(json_extract(CAST(content AS JSON), '$.etapas[*]')) AS e FROM read_text('" + refResult + "'))")) {
                refSteps.put((String) r.get(0), ((Number) r.get(1)).longValue());
            }
            List<Object> rep = db.rows("SELECT CAST(content AS JSON) ->> 'resultado', CAST(CAST(content AS JSON) ->> 'duracao_total_ms' AS BIGINT),"
                    + " CAST(CAST(content AS JSON) ->> 'kpus_estimados' AS BIGINT) FROM read_text('" + report + "')").get(0);
            long refInternal = db.count("SELECT CAST(CAST(content AS JSON) ->> 'total_ms' AS BIGINT) FROM read_text('" + refResult + "')");
            TimeV pt = TimeV.parse(Path.of(need(o, "pipeline-time")));
            TimeV rt = TimeV.parse(Path.of(need(o, "reference-time")));
            Heap heap = Heap.parse(Path.of(need(o, "gc-log")));
            long rowsRead = (Long) facts.getOrDefault("lidas_tb_faturas", 0L) + (Long) facts.getOrDefault("lidas_tb_pagamentos", 0L);
            long windowRows = (Long) facts.getOrDefault("linhas_janela_book", 0L);
            long detectRaw = stages.getOrDefault("deteccao", 0L) + stages.getOrDefault("contrato", 0L) + stages.getOrDefault("raw", 0L);
            // One Flink job per command: curated and book run in the job stage; their own stages only read its counts.
            long job = stages.getOrDefault("job", 0L);
            long afterJob = stages.getOrDefault("curated", 0L) + stages.getOrDefault("reconciliacao", 0L)
                    + stages.entrySet().stream().filter(e -> e.getKey().startsWith("book")).mapToLong(Map.Entry::getValue).sum();
            long catalog = stages.getOrDefault("catalogo", 0L);
            long inStages = stages.values().stream().mapToLong(Long::longValue).sum();
            double ratio = rt.wallMs > 0 ? (double) pt.wallMs / rt.wallMs : Double.NaN;
            boolean equal = problems.isEmpty();

            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "## n=%s clientes, mês %s, paralelismo %s — %s", need(o, "clients"),
                    need(o, "month"), need(o, "parallelism"), need(o, "date")));
            lines.add("");
            lines.add("- máquina: " + need(o, "machine"));
            lines.add("- comando: `" + need(o, "command") + "`");
            lines.add("- jar: " + need(o, "jar") + "; JVM do pipeline: `" + need(o, "jvm-opts") + "`");
            lines.add("- DuckDB " + o.getOrDefault("duckdb-version", "?") + ": threads=" + o.getOrDefault("threads", "?")
                    + ", memory_limit=" + o.getOrDefault("memory", "?"));
            lines.add("- dados: " + o.getOrDefault("data", "?") + "; meses de histórico: " + o.getOrDefault("history-months", "12"));
            lines.add("- linhas lidas no mês (tb_faturas + tb_pagamentos): " + rowsRead
                    + "; linhas curadas na janela de 12 meses lidas pelo book: " + windowRows
                    + "; book: " + facts.get("book_linhas_pipeline") + " linhas");
            lines.add(String.format(Locale.ROOT, "- carga da máquina (load average 1 min) antes da execução do pipeline: %s",
                    o.getOrDefault("load-before", "?")));
            if (!"0".equals(o.getOrDefault("jstack-every", "0"))) {
                lines.add("- **jstack a cada " + o.get("jstack-every") + " s durante a execução do pipeline: os tempos do pipeline estão"
                        + " inflados pela amostragem**");
            }
            lines.add("");
            lines.add("| medida | pipeline (Flink) | referência (DuckDB) |");
            lines.add("|---|---:|---:|");
            lines.add(String.format(Locale.ROOT, "| tempo de parede do processo | %.1f s | %.1f s |", pt.wallMs / 1000.0, rt.wallMs / 1000.0));
            lines.add(String.format(Locale.ROOT, "| razão pipeline/DuckDB (parede) | %.2f | 1 |", ratio));
            lines.add(String.format(Locale.ROOT, "| trabalho medido dentro do processo | %.1f s (soma das etapas) | %.1f s |",
                    inStages / 1000.0, refInternal / 1000.0));
            lines.add(String.format(Locale.ROOT, "| detecção + contrato + raw | %.1f s | — |", detectRaw / 1000.0));
            lines.add(String.format(Locale.ROOT, "| job Flink: curated (validar, tipar, deduplicar, gravar) + book, um só plano | %.1f s | %.1f s |",
                    job / 1000.0, (sumSteps(refSteps, "curated", "gravar curated") + sumSteps(refSteps, "book", "gravar book")) / 1000.0));
            lines.add(String.format(Locale.ROOT, "| depois do job (contagens, reconciliação, partições vazias) | %.1f s | — |", afterJob / 1000.0));
            lines.add(String.format(Locale.ROOT, "| catálogo | %.1f s | — |", catalog / 1000.0));
            lines.add(String.format(Locale.ROOT, "| fora das etapas (JVM, planner inicial, relatório, saída) | %.1f s | %.1f s |",
                    (pt.wallMs - inStages) / 1000.0, (rt.wallMs - refInternal) / 1000.0));
            lines.add(String.format(Locale.ROOT, "| linhas do mês por segundo (parede) | %,.0f | %,.0f |",
                    rowsRead / (pt.wallMs / 1000.0), rowsRead / (rt.wallMs / 1000.0)));
            lines.add(String.format(Locale.ROOT, "| job: linhas do mês por segundo | %,.0f | — |", job > 0 ? rowsRead / (job / 1000.0) : 0));
            lines.add(String.format(Locale.ROOT, "| pico de RSS (`/usr/bin/time -v`) | %,d MiB | %,d MiB |", pt.maxRssKb / 1024, rt.maxRssKb / 1024));
            lines.add(String.format(Locale.ROOT, "| CPU usada (user+sys) / %% de CPU | %.1f s / %s | %.1f s / %s |",
                    pt.cpuMs / 1000.0, pt.cpuPercent, rt.cpuMs / 1000.0, rt.cpuPercent));
            lines.add(String.format(Locale.ROOT, "| heap Java: maior uso visto / maior reservado (log de GC) | %s | — (memória nativa) |", heap.describe()));
            lines.add(String.format(Locale.ROOT, "| coletas de lixo: pausas / tempo total de pausa | %d / %.1f s | — |", heap.pauses, heap.pauseMs / 1000.0));
            lines.add("");
            lines.add("Etapas do pipeline (`_runs/" + need(o, "month") + "/<run_id>.json`, `etapas[]`): " + stages.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1000.0)).collect(Collectors.joining(", "))
                    + "; resultado " + rep.get(0) + ", kpus_estimados " + rep.get(2) + ".");
            lines.add("Etapas da referência: " + refSteps.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1000.0)).collect(Collectors.joining("; ")) + ".");
            lines.add("");
            lines.add("Conferência: book " + (Boolean.TRUE.equals(facts.get("book_igual")) ? "IGUAL" : "DIFERENTE")
                    + " (34 colunas; contagens, valores, datas e inteiros exatos, doubles a 1e-9, NULL só igual a NULL); contagens do curated "
                    + (Boolean.TRUE.equals(facts.get("contagens_iguais")) ? "IGUAIS" : "DIFERENTES")
                    + "; linhas curadas do mês " + (problems.stream().noneMatch(p -> p.startsWith("curated")) ? "IGUAIS" : "DIFERENTES") + ".");
            if (!equal) {
                lines.add("");
                lines.add("Diferenças: " + String.join("; ", problems));
            }
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Linha para o histórico: | %s | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %,d | %s | %s | load %s%s |",
                    need(o, "date").substring(0, 10), o.getOrDefault("commit", "?"), need(o, "clients"), need(o, "parallelism"),
                    pt.wallMs / 1000.0, job / 1000.0, afterJob / 1000.0, rt.wallMs / 1000.0, ratio, pt.maxRssKb / 1024,
                    heap.describeShort(), equal ? "sim" : "NÃO", o.getOrDefault("load-before", "?"),
                    ("12".equals(o.getOrDefault("history-months", "12")) ? "" : ", histórico de " + o.get("history-months") + " meses")
                            + ("0".equals(o.getOrDefault("jstack-every", "0")) ? "" : ", com jstack a cada " + o.get("jstack-every") + " s")));
            String text = String.join("\n", lines) + "\n";
            System.out.println();
            System.out.print(text);
            if (o.containsKey("summary-out")) {
                Files.writeString(Path.of(o.get("summary-out")), text);
            }
        }

        static long sumSteps(Map<String, Long> steps, String... prefixes) {
            long s = 0;
            for (Map.Entry<String, Long> e : steps.entrySet()) {
                for (String p : prefixes) {
                    if (e.getKey().startsWith(p)) {
                        s += e.getValue();
                        break;
                    }
                }
            }
            return s;
        }
    }

    /** The fields of {@code /usr/bin/time -v} this benchmark reports. */
    record TimeV(long wallMs, long maxRssKb, long cpuMs, String cpuPercent) {
        static TimeV parse(Path file) throws IOException {
            String s = Files.readString(file);
            long rss = longOf(s, "Maximum resident set size \\(kbytes\\): (\\d+)");
            double user = Double.parseDouble(strOf(s, "User time \\(seconds\\): ([\\d.]+)", "0"));
            double sys = Double.parseDouble(strOf(s, "System time \\(seconds\\): ([\\d.]+)", "0"));
            String pct = strOf(s, "Percent of CPU this job got: (\\S+)", "?");
            String wall = strOf(s, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (\\S+)", "0:0");
            String[] parts = wall.split(":");
            double secs = 0;
            for (String p : parts) {
                secs = secs * 60 + Double.parseDouble(p);
            }
            return new TimeV(Math.round(secs * 1000), rss, Math.round((user + sys) * 1000), pct);
        }
    }

    /**
     * Heap use from {@code -Xlog:gc*}: the largest "used before GC" of any pause and the used heap at exit
     * ({@code gc,heap,exit}), whichever is larger, and the largest committed heap. The true peak can only be
     * higher than this by what was allocated after the last GC before the largest one.
     */
    record Heap(long maxUsedMb, long maxCommittedMb, int pauses, double pauseMs, String gc) {
        private static final Pattern PAUSE = Pattern.compile("Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");
        private static final Pattern EXIT = Pattern.compile("garbage-first heap\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");
        private static final Pattern USING = Pattern.compile("\\[gc.*\\] Using (.+)$");

        static Heap parse(Path file) throws IOException {
            long used = 0;
            long committed = 0;
            int pauses = 0;
            double pauseMs = 0;
            String gc = "?";
            if (!Files.exists(file)) {
                return new Heap(-1, -1, 0, 0, "?");
            }
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    used = Math.max(used, Long.parseLong(m.group(1)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                    pauses++;
                    pauseMs += Double.parseDouble(m.group(4));
                    continue;
                }
                Matcher e = EXIT.matcher(line);
                if (e.find()) {
                    committed = Math.max(committed, Long.parseLong(e.group(1)) / 1024);
                    used = Math.max(used, Long.parseLong(e.group(2)) / 1024);
                    continue;
                }
                Matcher u = USING.matcher(line);
                if (u.find()) {
                    gc = u.group(1).trim();
                }
            }
            return new Heap(used, committed, pauses, pauseMs, gc);
        }

        String describe() {
            return maxUsedMb < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB / %,d MiB (%s)", maxUsedMb, maxCommittedMb, gc);
        }

        String describeShort() {
            return maxUsedMb < 0 ? "?" : String.format(Locale.ROOT, "%,d", maxUsedMb);
        }
    }

    static long longOf(String s, String regex) {
        return Long.parseLong(strOf(s, regex, "-1"));
    }

    static String strOf(String s, String regex, String dflt) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? m.group(1) : dflt;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** A DuckDB in-memory database over JDBC. */
    static final class Db implements AutoCloseable {
        private final Connection conn;

        Db() throws SQLException {
            conn = DriverManager.getConnection("jdbc:duckdb:");
        }

        void exec(String sql) throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\nSQL: " + sql, e);
            }
        }

        List<List<Object>> rows(String sql) throws SQLException {
            List<List<Object>> out = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\nSQL: " + sql, e);
            }
            return out;
        }

        List<String> columnNames(String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.add(md.getColumnLabel(i));
                }
            }
            return out;
        }

        long count(String sql) throws SQLException {
            Object v = rows(sql).get(0).get(0);
            return v == null ? 0 : ((Number) v).longValue();
        }

        @Override
        public void close() throws SQLException {
            conn.close();
        }
    }
}
