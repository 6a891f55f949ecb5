package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.JdbcS3Lake;
import br.com.podcartoes.lake.testing.Reports;
import br.com.podcartoes.lake.testing.S3Objects;
import br.com.podcartoes.lake.testing.S3Server;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A JobManager killed (SIGKILL) in the middle of a month's job and started again, as Managed Flink restarts
 * it: {@code run-application} with {@code APP_JM_RESTARTS} (ZooKeeper HA, the same cluster id and HA storage),
 * whose new JobManager recovers the job from ZooKeeper and runs main again. The month must end either
 * SUCESSO with a lake equal to an uninterrupted run of the same month from the same lake (the baseline: every
 * table's rows, run ids aside, and its number of commits), or FALHA with every table at its snapshot from before
 * the run, after which a clean re-run equals the baseline.
 *
 * <p>Setup shared by the cases: one sample-data (200 clients, 2023-01..02), 2023-01 run once, the lake then
 * saved ({@code s3 save}) with its SQLite catalog; each case (and the baseline) starts from that copy and runs
 * 2023-02. Where the kill lands, from the logs of the run as it happens (polled every 100 ms):
 * <ol>
 *   <li>early in reading: the JobManager's log says the task reading {@code tb_faturas_202302.csv} switched to
 *       RUNNING (its records being read; at 200 clients nothing downstream has finished);
 *   <li>in the aggregations: the first task that begins with a global {@code HashAggregate} (after a shuffle: the
 *       counts, the book's GROUP BY) switched to RUNNING, the reads done. A task that merely has one in its chain
 *       does not count: since the planner runs with its default (AUTO) strategy the local pre-aggregations are
 *       chained to the sources, and their RUNNING line is the reading's. (The book's {@code SortAggregate} was tried
 *       first: at 200 clients it starts after the curated {@code tb_faturas} is committed, so it lands in the
 *       commits: FALHA and a clean re-run.)
 *   <li>during the Iceberg commits: the TaskManager's log has Iceberg's committer line "Committed dynamic
 *       partition overwrite to table ..." (one table committed, the others in progress or to come).
 * </ol>
 * The line the kill followed is printed with the run; the restarts are asserted from run-application's output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobManagerFailoverIT {
    private static final String FEB = "2023-02";
    private static final List<String> TABLES = List.of("tb_faturas", "tb_pagamentos", "quarentena_tb_faturas",
            "quarentena_tb_pagamentos", "book_fatura", "estado_fatura");

    @TempDir
    static Path dir;
    static int s3Port;
    static RunApplication harness;
    static DuckDb db;
    static long started;
    /** Each table's snapshot after 2023-01: where a FALHA must leave it. */
    static Map<String, Long> afterJanuary; // null: the table had no snapshot
    /** Each table's commits (current snapshot's ancestors) after the uninterrupted 2023-02. */
    static Map<String, Integer> baselineCommits;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isRegularFile(RunApplication.applicationJar()),
                "skipped: no " + RunApplication.applicationJar() + " (run it after `mvn package`, e.g. `mvn verify`)");
        assumeTrue(RunApplication.supported(), "skipped: local-cluster/ needs Linux, bash, curl and flock");
        started = System.nanoTime();
        s3Port = RunApplication.freePort();
        harness = new RunApplication("failover", dir, "S3_PORT=" + s3Port, "S3_ACCESS_KEY=" + S3Server.ACCESS_KEY,
                "S3_SECRET_KEY=" + S3Server.SECRET_KEY, "S3_BUCKETS=lake", "APP_JM_RESTARTS=2",
                "APP_TIMEOUT=" + (2 * RunApplication.TIMEOUT.toSeconds() - 30));
        harness.killLeftovers();
        harness.script("stop", "--no-save");
        RunApplication.Script start = harness.script("start", "--s3-only");
        assertEquals(0, start.code(), start.output());
        RunApplication.Result sample = harness.run("sample-data", "--clients", "200", "--from", "2023-01", "--to", FEB,
                "--seed", "23");
        assertEquals(0, sample.code(), sample.output());
        RunApplication.Result jan = harness.run("run", "--month", "2023-01", "--catalog", catalog());
        assertEquals(0, jan.code(), jan.output());
        RunApplication.Script save = harness.script("s3", "save", dir.resolve("after-2023-01").toString());
        assertEquals(0, save.code(), save.output());
        Files.copy(dir.resolve("iceberg.db"), dir.resolve("after-2023-01.db"));
        try (JdbcS3Lake lake = lake()) {
            afterJanuary = new LinkedHashMap<>();
            TABLES.forEach(t -> afterJanuary.put(t, snapshotId(lake.table(t)))); // none: no rows yet (quarantine)
        }

        db = new DuckDb();
        RunApplication.Result baseline = harness.run("run", "--month", FEB, "--catalog", catalog());
        assertEquals(0, baseline.code(), baseline.output());
        baselineCommits = capture("baseline");
        System.out.printf("setup (sample-data, 2023-01, baseline 2023-02): %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        if (harness != null) {
            harness.killLeftovers();
            harness.script("stop", "--no-save");
            System.out.printf("JobManagerFailoverIT wall time: %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    @Test
    @Order(1)
    void killedEarlyInReading() throws Exception {
        killAndCheck("reading", "jobmanager.log",
                Pattern.compile("Source: ler tb_faturas_202302\\.csv .* switched from [A-Z]+ to RUNNING"));
    }

    @Test
    @Order(2)
    void killedInTheAggregations() throws Exception {
        killAndCheck("aggregating", "jobmanager.log",
                Pattern.compile(" - HashAggregate\\[\\d+\\] .* switched from [A-Z]+ to RUNNING"));
    }

    @Test
    @Order(3)
    void killedDuringTheIcebergCommits() throws Exception {
        killAndCheck("committing", "taskmanager-1.log",
                Pattern.compile("IcebergFilesCommitter .* - Committed dynamic partition overwrite to table"));
    }

    private void killAndCheck(String name, String log, Pattern when) throws Exception {
        long t0 = System.nanoTime();
        restoreAfterJanuary();
        RunApplication.Killed killed = harness.killJobManager(log, when, "run", "--month", FEB, "--catalog", catalog());
        String output = killed.result().output();
        assertTrue(output.contains("restart 1 of APP_JM_RESTARTS"), "the killed JobManager was started again:\n" + output);

        Path copy = download(name);
        List<JsonNode> reports = Reports.all(copy.resolve("lake"), FEB);
        // The killed main wrote no report (SIGKILL); the restarted one wrote one.
        assertEquals(1, reports.size(), "one report of 2023-02: " + reports);
        JsonNode report = reports.get(0);
        String result = report.path("resultado").asText();
        if (result.equals("SUCESSO")) {
            assertEquals(0, killed.result().code(), output);
            assertEquals(baselineCommits, capture(name), name + ": commits per table equal the uninterrupted run's");
            // The rows carry the run id of the plan the recovered job runs: the report's (main continued the run).
            assertEquals(0, db.count("SELECT COUNT(*) FROM " + name + "_tb_faturas_run WHERE ano = 2023 AND mes = 2"
                    + " AND run_id <> '" + report.path("run_id").asText() + "'"), "curated rows of the reported run");
        } else {
            assertEquals("FALHA", result, report.toString());
            try (JdbcS3Lake lake = lake()) {
                for (String t : TABLES) {
                    Table table = lake.table(t);
                    if (afterJanuary.get(t) != null) {
                        assertEquals(afterJanuary.get(t), snapshotId(table),
                                t + " back at its snapshot from before the run after FALHA: " + report);
                    } else {
                        assertEquals(List.of(), br.com.podcartoes.lake.testing.IcebergLake.currentFiles(table),
                                t + " had no rows before the run, and has none after FALHA: " + report);
                    }
                }
            }
            RunApplication.Result rerun = harness.run("run", "--month", FEB, "--catalog", catalog());
            assertEquals(0, rerun.code(), "the clean re-run after FALHA:\n" + rerun.output());
            Map<String, Integer> commits = capture(name + "_rerun");
            // The FALHA's rollbacks add no snapshot: the re-run's lineage is the baseline's.
            assertEquals(baselineCommits, commits, name + ": commits per table after FALHA and a re-run");
        }
        System.out.printf("%s: %s after the kill (%s), %.0f s%n", name, result, killed.after(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The lake now against the baseline: every table's rows (run ids aside) equal, both ways, all months.
     * Keeps this state's rows in DuckDB as {@code <name>_<table>} and returns each table's number of commits.
     */
    private static Map<String, Integer> capture(String name) throws Exception {
        Path copy = download(name);
        Map<String, Integer> commits = new LinkedHashMap<>();
        try (JdbcS3Lake lake = lake()) {
            for (String t : TABLES) {
                Table table = lake.table(t);
                int n = 0;
                for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null
                        : table.snapshot(s.parentId())) {
                    n++;
                }
                commits.put(t, n);
                String relation = lake.duckDbRelation(t, copy);
                db.execute("CREATE TABLE " + name + "_" + t + "_run AS SELECT * FROM " + relation);
                boolean runId = db.schema(name + "_" + t + "_run").containsKey("run_id");
                db.execute("CREATE TABLE " + name + "_" + t + " AS SELECT * " + (runId ? "EXCLUDE (run_id) " : "")
                        + "FROM " + name + "_" + t + "_run");
                if (!name.equals("baseline")) {
                    String a = "baseline_" + t;
                    String b = name + "_" + t;
                    assertEquals(db.count("SELECT COUNT(*) FROM " + a), db.count("SELECT COUNT(*) FROM " + b), t + " rows");
                    List<String> onlyA = db.lines("SELECT * FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b
                            + ") LIMIT 5");
                    List<String> onlyB = db.lines("SELECT * FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a
                            + ") LIMIT 5");
                    assertTrue(onlyA.isEmpty() && onlyB.isEmpty(), t + " differs from the baseline: only there " + onlyA
                            + ", only here " + onlyB);
                }
            }
        }
        System.out.printf("%s: commits per table %s%n", name, commits);
        return commits;
    }

    /** The lake and its catalog as they were after 2023-01. */
    private static void restoreAfterJanuary() throws Exception {
        RunApplication.Script rm = harness.script("s3", "rm", "s3://lake/lake/");
        assertEquals(0, rm.code(), rm.output());
        RunApplication.Script restore = harness.script("s3", "restore", dir.resolve("after-2023-01").toString());
        assertEquals(0, restore.code(), restore.output());
        Files.copy(dir.resolve("after-2023-01.db"), dir.resolve("iceberg.db"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path download(String name) throws Exception {
        Path copy = dir.resolve("s3-" + name);
        if (!Files.isDirectory(copy)) {
            try (S3Client s3 = S3Objects.client("http://127.0.0.1:" + s3Port, S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
                S3Objects.download(s3, "lake", "lake/", copy);
            }
        }
        return copy;
    }

    private static Long snapshotId(Table table) {
        return table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    }

    private static JdbcS3Lake lake() {
        return new JdbcS3Lake(catalog(), "http://127.0.0.1:" + s3Port);
    }

    private static String catalog() {
        return "jdbc:sqlite:" + dir.resolve("iceberg.db");
    }
}
