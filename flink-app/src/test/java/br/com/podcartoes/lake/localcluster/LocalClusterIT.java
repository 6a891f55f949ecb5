package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.S3Objects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The application jar on a real Flink 2.2 session cluster, started by the {@code local-cluster/} scripts:
 * JobManager and TaskManager in their own JVMs, the S3 filesystem as a cluster plugin, the lake on S3Proxy.
 * A month of generated data is uploaded with {@code submit sample-data}, run with {@code submit run} (the main
 * in Flink's CLI, configured through a Managed Flink properties file), and the lake is read back over the S3
 * API with the AWS SDK and DuckDB. Anything the application jar lacks on a cluster fails here.
 *
 * <p>Needs the application jar, so it runs after {@code package} ({@code mvn verify}: failsafe runs *IT
 * classes in {@code integration-test}); without the jar it is skipped. Needs bash, curl and /proc (Linux).
 * Its cluster uses free ports and {@code local-cluster/run/it}, beside any cluster a developer has running.
 */
class LocalClusterIT {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final String ACCESS_KEY = "local-access";
    private static final String SECRET_KEY = "local-secret-key";
    private static final int CLIENTS = 300;

    @TempDir
    Path dir;

    @Test
    void aMonthRunsOnTheClusterWithTheLakeOnS3() throws Exception {
        Path repo = repositoryRoot();
        Path jar = repo.resolve("flink-app/target/pod-cartoes-lake.jar");
        assumeTrue(Files.isRegularFile(jar), "skipped: no " + jar + " (run it after `mvn package`, e.g. `mvn verify`)");
        assumeTrue(new File("/proc/self/cmdline").exists() && onPath("bash") && onPath("curl"),
                "skipped: local-cluster/ needs Linux, bash and curl");
        Path scripts = repo.resolve("local-cluster");
        Path runDir = scripts.resolve("run/it");
        int restPort = freePort();
        int s3Port = freePort();
        Path conf = dir.resolve("it.conf");
        Files.writeString(conf, String.join("\n",
                "REST_PORT=" + restPort, "JM_RPC_PORT=" + freePort(), "S3_PORT=" + s3Port,
                "RUN_DIR=run/it", "LOG_DIR=logs/it", "S3_KEEP=false", ""));
        Scripts sh = new Scripts(scripts, conf, dir);

        sh.run("stop"); // whatever an interrupted earlier run of this test left (its own run/it only)
        List<ProcessHandle> started = List.of();
        try {
            Scripts.Result start = sh.run("start");
            assertEquals(0, start.code(), start.output());
            started = processesOf(runDir);
            assertEquals(3, started.size(), "S3Proxy, JobManager, TaskManager: " + start.output());

            Scripts.Result sample = sh.run("submit", "sample-data", "--clients", String.valueOf(CLIENTS),
                    "--from", "2023-01", "--to", "2023-01", "--dirty", "0.05", "--seed", "11");
            assertEquals(0, sample.code(), sample.output());

            Scripts.Result run = sh.run("submit", "run", "--month", "2023-01");
            assertEquals(0, run.code(), run.output());
            assertTrue(run.output().contains("run 2023-01: SUCESSO"), run.output());

            // The cluster's own record: the command's one Flink job (curated and book) ran there and finished.
            JsonNode jobs = rest(restPort, "/jobs/overview").path("jobs");
            assertEquals(1, jobs.size(), jobs.toString());
            for (JsonNode job : jobs) {
                assertEquals("FINISHED", job.path("state").asText(), job.toString());
            }
            assertEquals(1, rest(restPort, "/taskmanagers").path("taskmanagers").size());

            Path copy = dir.resolve("s3");
            try (S3Client s3 = S3Objects.client("http://127.0.0.1:" + s3Port, ACCESS_KEY, SECRET_KEY)) {
                List<String> keys = S3Objects.keys(s3, "lake", "lake/");
                for (String prefix : List.of("lake/raw/tb_faturas/ano=2023/mes=01/tb_faturas_202301.csv",
                        "lake/raw/tb_pagamentos/ano=2023/mes=01/tb_pagamentos_202301.csv",
                        "lake/curated/tb_faturas/ano=2023/mes=01/part-", "lake/curated/tb_pagamentos/ano=2023/mes=01/part-",
                        "lake/refined/book_fatura/ano=2023/mes=01/part-", "lake/_runs/2023-01/")) {
                    assertTrue(keys.stream().anyMatch(k -> k.startsWith(prefix)), prefix + " in " + keys);
                }
                S3Objects.download(s3, "lake", "lake/", copy);
                S3Objects.download(s3, "lake", "landing/", copy);
            }

            Path lake = copy.resolve("lake");
            for (String table : List.of("tb_faturas", "tb_pagamentos")) {
                String name = table + "_202301.csv";
                assertArrayEquals(Files.readAllBytes(copy.resolve("landing").resolve(name)),
                        Files.readAllBytes(lake.resolve("raw/" + table + "/ano=2023/mes=01/" + name)), "raw " + name);
            }
            JsonNode report;
            try (Stream<Path> reports = Files.list(lake.resolve("_runs/2023-01"))) {
                Path file = reports.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
                report = new ObjectMapper().readTree(file.toFile());
            }
            assertEquals("SUCESSO", report.path("resultado").asText());
            try (DuckDb db = new DuckDb()) {
                Map<String, String> schema = db.schema(DuckDb.table(lake, "curated/tb_faturas"));
                assertEquals("DECIMAL(15,2)", schema.get("valor_fatura"));
                assertEquals("DATE", schema.get("data_vencimento"));
                assertEquals("BIGINT", schema.get("id_cliente"));
                long quarantined = 0;
                for (String table : List.of("tb_faturas", "tb_pagamentos")) {
                    JsonNode counts = report.path("tabelas").path(table);
                    long read = counts.path("lidas").asLong();
                    long curated = db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "curated/" + table)
                            + " WHERE ano = 2023 AND mes = 1");
                    long quarantine = counts.path("quarentena").asLong() == 0 ? 0
                            : db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "quarantine/" + table)
                                    + " WHERE ano = 2023 AND mes = 1");
                    assertEquals(counts.path("curadas").asLong(), curated, table + " curated");
                    assertEquals(counts.path("quarentena").asLong(), quarantine, table + " quarantine");
                    assertEquals(read, curated + quarantine + counts.path("duplicadas").asLong(), table + " reconciled");
                    assertEquals(dataLines(copy.resolve("landing").resolve(table + "_202301.csv")), read, table + " read");
                    quarantined += quarantine;
                }
                assertTrue(quarantined > 0, "the planted bad rows reached the quarantine");
                assertEquals(CLIENTS, db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "refined/book_fatura")
                        + " WHERE ano = 2023 AND mes = 1"), "one book row per client");
                assertEquals(CLIENTS, db.count("SELECT COUNT(DISTINCT id_cliente) FROM "
                        + DuckDb.table(lake, "refined/book_fatura")));
            }

            Scripts.Result stop = sh.run("stop");
            assertEquals(0, stop.code(), stop.output());
            for (ProcessHandle p : started) {
                assertTrue(!p.isAlive(), "still running after stop: pid " + p.pid());
            }
            assertEquals(List.of(), processesOf(runDir), "no process of the test cluster is left");
        } finally {
            sh.run("stop"); // idempotent: also after a failure above
        }
    }

    /**
     * The running processes started for RUN_DIR: they carry the marker argument the scripts give them. Read from
     * /proc, since {@code ProcessHandle.Info.arguments()} comes back empty for command lines as long as Flink's.
     */
    private static List<ProcessHandle> processesOf(Path runDir) {
        String marker = "-Dlocal-cluster.run-dir=" + runDir;
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
                return List.of(cmdline.split("\0")).contains(marker);
            } catch (IOException | RuntimeException e) {
                return false; // gone meanwhile, or not ours to read
            }
        }).toList();
    }

    private static long dataLines(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.skip(1).filter(l -> !l.isEmpty()).count();
        }
    }

    private static JsonNode rest(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("local-cluster/start"))) {
                return p;
            }
        }
        throw new IllegalStateException("no local-cluster/start above " + Path.of("").toAbsolutePath());
    }

    /** Runs local-cluster/ scripts with the test's configuration; output to a file, echoed for the test log. */
    private record Scripts(Path home, Path conf, Path outDir) {
        record Result(int code, String output) {}

        Result run(String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(home.resolve(args[0]).toString());
            command.addAll(List.of(args).subList(1, args.length));
            Path out = Files.createTempFile(outDir, args[0], ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LOCAL_CLUSTER_CONF", conf.toString());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", args) + " did not end in " + SCRIPT_TIMEOUT + ":\n"
                        + Files.readString(out));
            }
            String output = Files.readString(out);
            System.out.printf("$ local-cluster/%s (%.1f s, exit %d)%n%s%n", String.join(" ", args),
                    (System.nanoTime() - t0) / 1e9, p.exitValue(), output);
            return new Result(p.exitValue(), output);
        }
    }
}
