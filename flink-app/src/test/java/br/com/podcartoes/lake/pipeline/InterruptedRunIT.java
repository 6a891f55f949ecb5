package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.LakeComparison;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL at several moments of its Flink job (planning, writing, committing) — as a
 * forced stop or a JobManager failover does on Managed Flink — must leave the previous months readable
 * and must not block later runs: the same month and the next one then run to SUCESSO, and the lake ends
 * equal to one whose runs were never interrupted.
 */
class InterruptedRunIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final Path JAR = Path.of("target", "pod-cartoes-lake-all.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void killedRunsNeverBlockTheNextOnes() throws Exception {
        Path landing = dir.resolve("landing");
        new SampleDataGenerator(200, 5, 0.02, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 3), landing);
        Path reference = dir.resolve("lake-reference");
        Path lake = dir.resolve("lake");
        for (String m : List.of("2023-01", "2023-02", "2023-03")) {
            assertEquals(0, run(landing, reference, m), "reference " + m);
        }
        assertEquals(0, run(landing, lake, "2023-01"));
        long januaryInvoices = curatedInvoices(lake);

        // 1. while the job is being planned
        killWhen(landing, lake, "planejamento", log -> log.contains("job ..."));
        // 2. while the job writes its data files (not yet committed)
        killWhen(landing, lake, "escrita", log -> exists(lake.resolve("curated/tb_faturas/data/ano=2023/mes=02"), ""));
        assertFalse(IcebergLake.months(lake, "curated/tb_faturas").contains("2023-02"), "written, not committed");
        // 3. as soon as the first table commits, and 4. in the middle of the six commits
        int metadataFiles0 = metadataFiles(lake);
        killWhen(landing, lake, "commit", log -> metadataFiles(lake) > metadataFiles0);
        int metadataFiles1 = metadataFiles(lake);
        killWhen(landing, lake, "commits", log -> metadataFiles(lake) >= metadataFiles1 + 3);
        for (String t : TABLES) {
            // Each table is at its previous or its new snapshot: readable, whole months only.
            assertTrue(IcebergLake.months(lake, t).stream().allMatch(m -> m.equals("2023-01") || m.equals("2023-02")), t);
        }
        assertEquals(januaryInvoices, curatedInvoices(lake), "January stays readable after every kill");
        // 4. SIGTERM (a stop, Ctrl-C) while the job runs: the shutdown hook writes the report, as for any failure
        stopWhen(landing, lake, "sigterm", log -> log.contains("job ..."), false);
        JsonNode stopped = Reports.latest(lake, "2023-02");
        assertEquals("FALHA", stopped.path("resultado").asText(), stopped.toString());
        assertEquals("job", stopped.path("etapa_falha").asText());
        assertEquals("interrompido", stopped.path("erro").asText());

        assertEquals(0, run(landing, lake, "2023-02"), "the same month after the kills");
        assertEquals(0, run(landing, lake, "2023-03"), "the next month");
        assertEquals("SUCESSO", Reports.latest(lake, "2023-03").path("resultado").asText());
        try (Stream<Path> runs = Files.walk(lake.resolve("_runs"))) {
            assertEquals(List.of(), runs.filter(p -> p.getFileName().toString().equals("_work")).toList());
        }
        try (DuckDb db = new DuckDb()) {
            LakeComparison.assertSameRows(db, reference, lake, "curated/tb_faturas", "* EXCLUDE (run_id)");
            LakeComparison.assertSameRows(db, reference, lake, "curated/tb_pagamentos", "* EXCLUDE (run_id)");
            LakeComparison.assertSameRows(db, reference, lake, "quarantine/tb_faturas", "* EXCLUDE (run_id)");
            LakeComparison.assertSameRows(db, reference, lake, "refined/_estado_fatura", "*");
            assertEquals(3 * 200, LakeComparison.assertSameRows(db, reference, lake, "refined/book_fatura", "*"));
        }
    }

    /** Starts {@code run --month 2023-02} in its own JVM and kills it (SIGKILL) once {@code when} holds. */
    private void killWhen(Path landing, Path lake, String moment, Predicate<String> when) throws Exception {
        stopWhen(landing, lake, moment, when, true);
    }

    /** The same, with SIGKILL ({@code forcibly}: no shutdown hook, no cleanup) or SIGTERM. */
    private void stopWhen(Path landing, Path lake, String moment, Predicate<String> when, boolean forcibly)
            throws Exception {
        Path log = dir.resolve("run-" + moment + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", JAR.toString(), "run", "--month", "2023-02", "--landing", landing.toString(), "--lake",
                lake.toString(), "--detect-attempts", "1", "--parallelism", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try {
            while (!when.test(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "")) {
                assertTrue(p.isAlive(), moment + ": the run ended before the moment to kill it: "
                        + Files.readString(log, StandardCharsets.UTF_8));
                assertTrue(System.nanoTime() < deadline, moment + ": timed out");
                Thread.sleep(2);
            }
        } finally {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), moment + ": the run did not stop");
        }
    }

    private static int run(Path landing, Path lake, String month) throws Exception {
        return Main.execute("run", "--month", month, "--landing", landing.toString(), "--lake", lake.toString(),
                "--detect-attempts", "1");
    }

    private static long curatedInvoices(Path lake) throws Exception {
        try (DuckDb db = new DuckDb()) {
            return db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "curated/tb_faturas") + " WHERE mes = 1");
        }
    }

    private static final List<String> TABLES = List.of("curated/tb_faturas", "curated/tb_pagamentos",
            "quarantine/tb_faturas", "quarantine/tb_pagamentos", "refined/book_fatura", "refined/_estado_fatura");

    /** Iceberg metadata files of every table: one more per commit. */
    private static int metadataFiles(Path lake) {
        int n = 0;
        for (String t : TABLES) {
            try (Stream<Path> s = Files.list(lake.resolve(t).resolve("metadata"))) {
                n += (int) s.filter(p -> p.getFileName().toString().endsWith(".metadata.json")).count();
            } catch (IOException e) {
                // no table yet
            }
        }
        return n;
    }

    private static boolean exists(Path table, String prefix) {
        try (Stream<Path> s = Files.list(table)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            return false;
        }
    }
}
