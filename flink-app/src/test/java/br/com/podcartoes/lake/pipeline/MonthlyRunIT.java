package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three generated months with planted bad rows, run month by month on a MiniCluster. Expectations come
 * from the generator's own record of what it planted and from the CSV text, never from the pipeline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonthlyRunIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    static Path dir;

    static Path landing;
    static Path lake;
    static List<Planted> planted;
    static final YearMonth FROM = YearMonth.of(2023, 1);
    static final YearMonth TO = YearMonth.of(2023, 3);

    @BeforeAll
    static void generateAndRun() throws Exception {
        landing = dir.resolve("landing");
        lake = dir.resolve("lake");
        planted = new SampleDataGenerator(300, 7, 0.08, 0.15).write(FROM, TO, landing);
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            assertEquals(0, run(m), "run " + m);
        }
    }

    static int run(YearMonth m) throws Exception {
        // Parts of ~700 bytes (about ten lines): every planted row is read by some part, far from the file's
        // start, and must keep its line number, reason and count as when the file is read whole.
        return Main.execute("run", "--month", m.toString(), "--landing", landing.toString(), "--lake", lake.toString(),
                "--detect-attempts", "1", "--split-size", "700");
    }

    @Test
    @Order(1)
    void everyRowIsCuratedQuarantinedOrCountedAsDuplicate() throws Exception {
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            JsonNode report = Reports.latest(lake, m.toString());
            assertEquals("SUCESSO", report.path("resultado").asText(), report.toString());
            assertEquals(1, report.path("jobs_flink").size(), "run: one Flink job (Managed Flink allows one)");
            assertTrue(report.path("etapas").toString().matches(".*tb_faturas_\\d{6}\\.csv em \\d{2,} partes.*"),
                    "the file was read in parts: " + report.path("etapas"));
            for (String table : List.of("tb_faturas", "tb_pagamentos")) {
                JsonNode c = report.path("tabelas").path(table);
                String file = String.format("%s_%04d%02d.csv", table, m.getYear(), m.getMonthValue());
                long dataLines = dataLines(landing.resolve(file));
                assertEquals(dataLines, c.path("lidas").asLong(), file + " lidas");
                assertEquals(c.path("lidas").asLong(), c.path("curadas").asLong() + c.path("quarentena").asLong()
                        + c.path("duplicadas").asLong(), file + " reconciliation");
                long plantedDuplicates = planted.stream()
                        .filter(p -> p.file().equals(file) && p.outcome().equals(Planted.DUPLICATE)).count();
                long plantedBad = planted.stream()
                        .filter(p -> p.file().equals(file) && !p.outcome().equals(Planted.DUPLICATE)).count();
                assertEquals(plantedDuplicates, c.path("duplicadas").asLong(), file + " duplicadas");
                assertEquals(plantedBad, c.path("quarentena").asLong(), file + " quarentena");
            }
        }
    }

    @Test
    @Order(2)
    void plantedRowsAreQuarantinedWithTheirReasonAndLine() throws Exception {
        assertTrue(planted.stream().map(Planted::outcome).collect(Collectors.toSet()).size() >= 12,
                "the sample plants most kinds of bad rows: " + planted.stream().map(Planted::outcome).distinct().toList());
        try (DuckDb db = new DuckDb()) {
            Set<String> actual = new HashSet<>();
            for (String t : List.of("tb_faturas", "tb_pagamentos")) {
                actual.addAll(db.lines("SELECT arquivo, linha, motivo FROM " + DuckDb.table(lake, "quarantine/" + t)));
            }
            Set<String> expected = planted.stream().filter(p -> !p.outcome().equals(Planted.DUPLICATE))
                    .map(p -> p.file() + "|" + p.line() + "|" + p.outcome()).collect(Collectors.toSet());
            assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
            for (Map<String, Object> r : db.rows("SELECT registro, detalhe, run_id FROM "
                    + DuckDb.table(lake, "quarantine/tb_faturas"))) {
                assertTrue(r.get("registro") != null && !r.get("registro").toString().isEmpty(), r.toString());
                assertTrue(r.get("detalhe") != null && !r.get("detalhe").toString().isEmpty(), r.toString());
                assertTrue(r.get("run_id") != null, r.toString());
            }
        }
    }

    @Test
    @Order(3)
    void curatedParquetHasTheContractSchemaAndTheFileValues() throws Exception {
        try (DuckDb db = new DuckDb()) {
            Map<String, String> f = db.schema(DuckDb.table(lake, "curated/tb_faturas"));
            assertEquals("VARCHAR", f.get("id_fatura"));
            assertEquals("BIGINT", f.get("id_cliente"));
            assertEquals("DATE", f.get("data_emissao"));
            assertEquals("DATE", f.get("data_vencimento"));
            assertEquals("DECIMAL(15,2)", f.get("valor_fatura"));
            assertEquals("DECIMAL(15,2)", f.get("valor_pagamento_minimo"));
            assertEquals("VARCHAR", f.get("arquivo"));
            assertEquals("VARCHAR", f.get("run_id"));
            Map<String, String> p = db.schema(DuckDb.table(lake, "curated/tb_pagamentos"));
            assertEquals("DECIMAL(15,2)", p.get("valor_pagamento"));
            assertEquals("DATE", p.get("data_pagamento"));

            for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
                for (String t : List.of("tb_faturas", "tb_pagamentos")) {
                    String file = String.format("%s_%04d%02d.csv", t, m.getYear(), m.getMonthValue());
                    Set<String> expected = goodLines(landing.resolve(file), file);
                    String cols = t.equals("tb_faturas")
                            ? "id_fatura, id_cliente, data_emissao, data_vencimento, valor_fatura, valor_pagamento_minimo"
                            : "id_pagamento, id_fatura, id_cliente, data_pagamento, valor_pagamento";
                    List<String> actual = db.lines("SELECT " + cols + " FROM " + DuckDb.table(lake, "curated/" + t)
                            + " WHERE ano = " + m.getYear() + " AND mes = " + m.getMonthValue());
                    assertEquals(expected.size(), actual.size(), file + ": no duplicate rows in curated");
                    assertEquals(new TreeSet<>(expected), new TreeSet<>(actual), file);
                }
            }
        }
    }

    @Test
    @Order(4)
    void rerunningAMonthReplacesExactlyThatMonth() throws Exception {
        Map<String, Long> before = fileSizes(lake.resolve("curated"));
        before.putAll(fileSizes(lake.resolve("quarantine")));
        String snapshot;
        try (DuckDb db = new DuckDb()) {
            snapshot = contents(db);
        }
        assertEquals(0, run(YearMonth.of(2023, 2)));
        Map<String, Long> after = fileSizes(lake.resolve("curated"));
        after.putAll(fileSizes(lake.resolve("quarantine")));
        for (String month : List.of("ano=2023/mes=01", "ano=2023/mes=03")) {
            assertEquals(filter(before, month), filter(after, month), "other months untouched: " + month);
        }
        try (DuckDb db = new DuckDb()) {
            assertEquals(snapshot, contents(db), "same rows after the rerun (lineage run_id aside)");
        }
        JsonNode report = Reports.latest(lake, "2023-02");
        assertEquals("SUCESSO", report.path("resultado").asText());
        assertEquals("2023-03", report.path("book").path("meses_reconstruidos").get(0).asText(),
                "the later book whose window holds the rerun month is rebuilt");
        // One Iceberg commit per table: each table's new snapshot is the child of the one before the run.
        JsonNode snapshots = report.path("snapshots");
        assertEquals(java.util.Set.of("tb_faturas", "tb_pagamentos", "quarentena_tb_faturas", "quarentena_tb_pagamentos",
                "book_fatura", "estado_fatura"), names(snapshots), snapshots.toString());
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            snapshots.fields().forEachRemaining(e -> {
                org.apache.iceberg.Table t = iceberg.table(e.getKey());
                long depois = e.getValue().path("depois").asLong();
                assertEquals(depois, t.currentSnapshot().snapshotId(), e.getKey() + " is at the run's snapshot");
                assertEquals(e.getValue().path("antes").asLong(), t.snapshot(depois).parentId(),
                        e.getKey() + ": one commit by the run");
            });
        }
    }

    private static java.util.Set<String> names(JsonNode object) {
        java.util.Set<String> out = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String contents(DuckDb db) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String t : List.of("curated/tb_faturas", "curated/tb_pagamentos", "quarantine/tb_faturas",
                "quarantine/tb_pagamentos", "refined/book_fatura")) {
            sb.append(t).append('\n');
            String exclude = t.startsWith("refined") ? "" : " EXCLUDE (run_id)";
            db.lines("SELECT *" + exclude + " FROM " + DuckDb.table(lake, t) + " ORDER BY ALL").forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    static long dataLines(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.skip(1).filter(l -> !l.isBlank()).count();
        }
    }

    /** The file's lines that were not planted as bad, typed the way DuckDB prints them. */
    static Set<String> goodLines(Path csv, String file) throws IOException {
        Set<Long> bad = planted.stream().filter(p -> p.file().equals(file) && !p.outcome().equals(Planted.DUPLICATE))
                .map(Planted::line).collect(Collectors.toSet());
        List<String> lines = Files.readAllLines(csv);
        Set<String> out = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!bad.contains((long) i + 1)) {
                out.add(lines.get(i).replace(',', '|'));
            }
        }
        return out;
    }

    static Map<String, Long> fileSizes(Path root) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }

    static Map<String, Long> filter(Map<String, Long> files, String part) {
        Map<String, Long> out = new HashMap<>();
        files.forEach((k, v) -> {
            if (k.contains(part)) {
                out.put(k, v);
            }
        });
        return out;
    }

}
