package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.LakeState;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Three months run in order, then month 2 re-delivered with wrong values (which also rebuilds the book of
 * month 3): export reads the month as it was and as it is; rollback puts every table back as it was before
 * the re-delivery; a run with later runs is refused unless --cascade. The expectations are the lake's own
 * rows read by DuckDB (over the files Iceberg's API lists) before the re-delivery, not the pipeline's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final String REDELIVERY = "reentrega-2023-02";

    @TempDir
    static Path dir;

    static Path lake;
    static Map<String, List<String>> afterFirstMonth;
    static Map<String, List<String>> beforeRedelivery;
    static Map<String, Long> snapshotsBeforeRedelivery;
    static Map<String, Long> snapshotsAfterFirstMonth;
    static Instant beforeRedeliveryAt;

    @BeforeAll
    static void runThreeMonthsThenRedeliverTheSecondWithWrongValues() throws Exception {
        Path landing = dir.resolve("landing");
        Path wrong = dir.resolve("wrong");
        lake = dir.resolve("lake");
        new SampleDataGenerator(120, 11, 0.02, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 3), landing);
        new SampleDataGenerator(120, 11, 0.02, 0.1, 1.7).write(YearMonth.of(2023, 1), YearMonth.of(2023, 3), wrong);
        run("2023-01", landing, "run-2023-01");
        afterFirstMonth = LakeState.rows(lake);
        snapshotsAfterFirstMonth = LakeState.snapshots(lake);
        run("2023-02", landing, "run-2023-02");
        run("2023-03", landing, "run-2023-03");
        beforeRedelivery = LakeState.rows(lake);
        snapshotsBeforeRedelivery = LakeState.snapshots(lake);
        Thread.sleep(50);
        beforeRedeliveryAt = Instant.now();
        Thread.sleep(50);
        run("2023-02", wrong, REDELIVERY);
    }

    static void run(String month, Path landing, String runId) throws Exception {
        run(lake, month, landing, runId);
    }

    static void run(Path lake, String month, Path landing, String runId) throws Exception {
        Console.Result r = Console.run("run", "--month", month, "--landing", landing.toString(), "--lake",
                lake.toString(), "--detect-attempts", "1", "--run-id", runId,
                "--max-quarantine-pct", "100");
        assertEquals(0, r.code(), runId + ": " + r.err());
    }

    static Console.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", lake.toString()));
        return Console.run(all.toArray(new String[0]));
    }

    @Test
    @Order(1)
    void theRedeliveryChangedMonthTwoAndTheBookOfMonthThreeAndItsReportSaysFromWhichSnapshots() throws Exception {
        Map<String, List<String>> now = LakeState.rows(lake);
        for (String table : List.of("curated/tb_faturas", "refined/book_fatura", "refined/_estado_fatura")) {
            assertNotEquals(LakeState.month(beforeRedelivery.get(table), 2023, 2), LakeState.month(now.get(table), 2023, 2),
                    table + " 2023-02 changed");
        }
        assertNotEquals(LakeState.month(beforeRedelivery.get("refined/book_fatura"), 2023, 3),
                LakeState.month(now.get("refined/book_fatura"), 2023, 3), "the book of 2023-03 was rebuilt");
        assertEquals(LakeState.month(beforeRedelivery.get("curated/tb_faturas"), 2023, 1),
                LakeState.month(now.get("curated/tb_faturas"), 2023, 1), "2023-01 untouched");
        JsonNode report = report(REDELIVERY);
        Map<String, Long> current = LakeState.snapshots(lake);
        JsonNode snapshots = report.path("snapshots");
        assertTrue(snapshots.size() >= 4, snapshots.toString());
        snapshots.fields().forEachRemaining(e -> {
            assertEquals(snapshotsBeforeRedelivery.get(e.getKey()), e.getValue().path("antes").asLong(), e.getKey());
            assertEquals(current.get(e.getKey()), e.getValue().path("depois").asLong(), e.getKey());
        });
    }

    @Test
    @Order(2)
    void exportWritesTheMonthAsItWasAndAsItIs() throws Exception {
        long before = report(REDELIVERY).path("snapshots").path("tb_faturas").path("antes").asLong();
        List<String> expectedBefore = LakeState.month(beforeRedelivery.get("curated/tb_faturas"), 2023, 2);
        List<String> expectedNow = LakeState.month(LakeState.rows(lake).get("curated/tb_faturas"), 2023, 2);
        assertNotEquals(expectedBefore, expectedNow);

        Path bySnapshot = dir.resolve("out/antes.csv");
        Console.Result r = cli("export", "--table", "tb_faturas", "--month", "2023-02", "--snapshot", "" + before,
                "--out", bySnapshot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(expectedBefore.size() + " linhas"), r.out());
        assertEquals(expectedBefore, csvRows(bySnapshot));

        Path byTime = dir.resolve("out/antes-por-instante.csv");
        assertEquals(0, cli("export", "--table", "tb_faturas", "--month", "2023-02", "--as-of",
                beforeRedeliveryAt.toString(), "--out", byTime.toString()).code());
        assertEquals(expectedBefore, csvRows(byTime));

        Path now = dir.resolve("out/agora.csv");
        assertEquals(0, cli("export", "--table", "tb_faturas", "--month", "2023-02", "--out", now.toString()).code());
        assertEquals(expectedNow, csvRows(now));

        Path parquet = dir.resolve("out/antes.parquet");
        assertEquals(0, cli("export", "--table", "tb_faturas", "--month", "2023-02", "--snapshot", "" + before,
                "--out", parquet.toString()).code());
        try (DuckDb db = new DuckDb()) {
            assertEquals(expectedBefore, db.lines("SELECT * EXCLUDE (ano, mes) FROM read_parquet('" + parquet
                    + "') ORDER BY ALL").stream().sorted().toList());
            assertEquals(List.of("2023|02"), db.lines("SELECT DISTINCT ano, mes FROM read_parquet('" + parquet + "')"));
        }
        Path book = dir.resolve("out/book-2023-03.csv");
        assertEquals(0, cli("export", "--table", "book_fatura", "--month", "2023-03", "--as-of",
                beforeRedeliveryAt.toString(), "--out", book.toString()).code());
        assertEquals(LakeState.month(beforeRedelivery.get("refined/book_fatura"), 2023, 3), csvRows(book),
                "the book of a later month as it was");

        assertEquals(2, cli("export", "--table", "tb_faturas", "--month", "2023-02", "--snapshot", "1", "--as-of",
                "2024-01-01", "--out", now.toString()).code(), "one of --as-of, --snapshot");
        Console.Result missing = cli("export", "--table", "tb_faturas", "--month", "2023-02", "--snapshot", "42",
                "--out", now.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("não tem o snapshot 42"), missing.err());
    }

    @Test
    @Order(3)
    void rollbackPutsEveryTableBackAsItWasBeforeTheRedelivery() throws Exception {
        Console.Result r = cli("rollback", "--run-id", REDELIVERY);
        assertEquals(0, r.code(), r.err());
        assertEquals(beforeRedelivery, LakeState.rows(lake), "every table, the book of 2023-03 included");
        assertEquals(snapshotsBeforeRedelivery, LakeState.snapshots(lake), "back at the very snapshots");
        JsonNode rollback = rollbackReport(r);
        assertEquals("SUCESSO", rollback.path("resultado").asText());
        assertEquals(List.of(REDELIVERY), texts(rollback.path("execucoes_desfeitas")));
        assertEquals(report(REDELIVERY).path("snapshots").path("book_fatura").path("depois").asLong(),
                rollback.path("snapshots").path("book_fatura").path("antes").asLong());
        try (Stream<Path> raw = Files.list(lake.resolve("raw/tb_faturas/ano=2023/mes=02"))) {
            assertEquals(2, raw.count(), "raw keeps both deliveries");
        }
        Console.Result page = Console.run("report", "--month", "2023-02", "--lake", lake.toString(), "--out",
                dir.resolve("out/pagina.html").toString());
        assertTrue(page.out().contains("execução run-2023-02"), "the quality page is the run that stands: " + page.out());
        Console.Result again = cli("rollback", "--run-id", REDELIVERY);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("já foi desfeita pelo rollback " + rollback.path("run_id").asText()),
                again.err());
    }

    @Test
    @Order(4)
    void aRunWithLaterRunsIsRefusedAndCascadeUndoesThemNewestFirst() throws Exception {
        Console.Result refused = cli("rollback", "--run-id", "run-2023-02");
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().contains("run-2023-03") && refused.err().contains("--cascade"), refused.err());
        assertEquals(snapshotsBeforeRedelivery, LakeState.snapshots(lake), "a refusal changes nothing");

        Console.Result r = cli("rollback", "--run-id", "run-2023-02", "--cascade");
        assertEquals(0, r.code(), r.err());
        assertEquals(afterFirstMonth, LakeState.rows(lake));
        assertEquals(snapshotsAfterFirstMonth, LakeState.snapshots(lake));
        assertEquals(List.of("run-2023-03", "run-2023-02"), texts(rollbackReport(r).path("execucoes_desfeitas")));
        assertEquals(2, cli("rollback", "--run-id", "nao-existe").code());
    }

    static JsonNode report(String runId) throws Exception {
        for (String month : List.of("2023-01", "2023-02", "2023-03")) {
            for (JsonNode r : Reports.all(lake, month)) {
                if (r.path("run_id").asText().equals(runId)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no report of " + runId);
    }

    static JsonNode rollbackReport(Console.Result r) throws Exception {
        String id = r.out().replaceAll("(?s).*_runs/rollback/([^ ]+)\\.json.*", "$1").trim();
        return new ObjectMapper().readTree(lake.resolve("_runs/rollback/" + id + ".json").toFile());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The data rows of an exported CSV (no quoting in these tables), '|'-joined without ano and mes, sorted. */
    static List<String> csvRows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).endsWith(",ano,mes"), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> {
            List<String> f = List.of(l.split(",", -1));
            assertTrue(f.get(f.size() - 2).equals("2023"), l);
            return String.join("|", f.subList(0, f.size() - 2));
        }).sorted().toList();
    }
}
