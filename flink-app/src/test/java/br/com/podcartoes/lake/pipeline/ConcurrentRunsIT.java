package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.LakeState;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run}s of the same month on the same lake at once, the second in its own JVM as an operator's
 * would be: it fails at once naming the first, and the lake is exactly the first run's.
 */
class ConcurrentRunsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    Path dir;

    @Test
    void theSecondCommandFailsFastAndTheLakeIsOneRuns() throws Exception {
        Path landing = dir.resolve("landing");
        Path lake = dir.resolve("lake");
        new SampleDataGenerator(100, 3, 0.02, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 1), landing);
        String[] args = {"run", "--month", "2023-01", "--landing", landing.toString(), "--lake", lake.toString(),
                "--detect-attempts", "1"};
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return Main.execute(concat(args, "--run-id", "primeira"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The raw copy is made under the lock. (Reading _runs/_lock here would drop the first run's POSIX lock: same JVM.)
        Path raw = lake.resolve("raw/tb_faturas/ano=2023/mes=01/tb_faturas_202301.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(raw) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(raw), "the first run holds the lake");

        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(javaCommand(concat(args, "--run-id", "segunda")));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("ocupado: o comando run (execução primeira") && output.contains("nada foi alterado"),
                output);
        assertTrue(took.toSeconds() < 10, "fails fast (JVM start included): " + took);
        assertFalse(first.isDone(), "the second one failed while the first was still running");

        assertEquals(0, first.get(5, TimeUnit.MINUTES));
        List<JsonNode> reports = Reports.all(lake, "2023-01");
        assertEquals(List.of("primeira"), reports.stream().map(r -> r.path("run_id").asText()).toList(),
                "no report of the second");
        try (Stream<Path> copies = Files.list(lake.resolve("raw/tb_faturas/ano=2023/mes=01"))) {
            assertEquals(1, copies.filter(f -> !f.getFileName().toString().startsWith(".")).count(), "one raw copy");
        }
        JsonNode counts = reports.get(0).path("tabelas");
        try (DuckDb db = new DuckDb(); IcebergLake iceberg = new IcebergLake(lake)) {
            assertEquals(counts.path("tb_faturas").path("curadas").asLong(),
                    db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "curated/tb_faturas")));
            assertEquals(counts.path("tb_pagamentos").path("curadas").asLong(),
                    db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "curated/tb_pagamentos")));
            for (String folder : LakeState.TABLES) {
                String table = IcebergLake.tableOf(folder);
                assertTrue(countSnapshots(iceberg, table) <= 1, table + ": one run, at most one commit");
            }
            assertEquals(1, countSnapshots(iceberg, "tb_faturas"));
        }
    }

    private static int countSnapshots(IcebergLake iceberg, String table) {
        int n = 0;
        for (Snapshot ignored : iceberg.table(table).snapshots()) {
            n++;
        }
        return n;
    }

    private static List<String> javaCommand(String[] args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
