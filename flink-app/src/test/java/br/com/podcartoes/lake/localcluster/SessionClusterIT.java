package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import br.com.podcartoes.lake.testing.JdbcS3Lake;
import br.com.podcartoes.lake.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session cluster as local-cluster/README.md tells a new user to drive it: {@code start}, {@code submit
 * sample-data}, then {@code submit run} month after month on the same JobManager and TaskManager. The
 * TaskManager outlives each job, and with it everything JVM-wide a job leaves behind (JDBC's DriverManager,
 * shutdown hooks): the second and third months on the same cluster are what this test is about. Each run
 * must succeed with one book row per client, read back through Iceberg's API from the catalog the cluster
 * committed to, and the client must exit cleanly; {@code stop} must leave no process behind.
 */
class SessionClusterIT {
    private static final int CLIENTS = 200;
    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2023, 1), YearMonth.of(2023, 2),
            YearMonth.of(2023, 3));
    private static final Pattern JOB_LINE = Pattern.compile("(?m)^  ([0-9a-f]{32})  ([A-Z_?]+) ");

    @TempDir
    static Path dir;
    static int s3Port;
    static RunApplication harness;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isRegularFile(RunApplication.applicationJar()),
                "skipped: no " + RunApplication.applicationJar() + " (run it after `mvn package`, e.g. `mvn verify`)");
        assumeTrue(RunApplication.supported(), "skipped: local-cluster/ needs Linux, bash, curl and flock");
        s3Port = RunApplication.freePort();
        harness = new RunApplication("session", dir, "S3_PORT=" + s3Port, "REST_PORT=" + RunApplication.freePort(),
                "JM_RPC_PORT=" + RunApplication.freePort(), "S3_ACCESS_KEY=" + S3Server.ACCESS_KEY,
                "S3_SECRET_KEY=" + S3Server.SECRET_KEY, "S3_BUCKETS=lake",
                // C1 only, as the application clusters of the other tests: short jobs on 2 busy cores
                "JVM_OPTS=-XX:TieredStopAtLevel=1");
        harness.killLeftovers(); // what an interrupted earlier run of this test left (its own run folders only)
        harness.script("stop", "--no-save");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (harness != null) {
            harness.killLeftovers();
        }
    }

    @Test
    void monthsInARowOnOneSessionCluster() throws Exception {
        Path catalog = harness.sessionRunDir().resolve("s3-catalog/iceberg.db");
        RunApplication.Script start = harness.script("start", "--clean");
        assertEquals(0, start.code(), start.output());
        RunApplication.Script stop;
        try {
            RunApplication.Script sample = harness.script("submit", "sample-data", "--clients", String.valueOf(CLIENTS),
                    "--from", MONTHS.get(0).toString(), "--to", MONTHS.get(MONTHS.size() - 1).toString(),
                    "--seed", "21");
            assertEquals(0, sample.code(), sample.output());

            for (YearMonth month : MONTHS) {
                RunApplication.Script run = harness.script("submit", "run", "--month", month.toString());
                String out = run.output();
                assertEquals(0, run.code(), "submit run --month " + month + " on the session cluster:\n" + out);
                assertTrue(out.contains("run " + month + ": SUCESSO"), "the run's summary says SUCESSO:\n" + out);
                Matcher jobs = JOB_LINE.matcher(out);
                int finished = 0;
                while (jobs.find()) {
                    assertEquals("FINISHED", jobs.group(2), "job " + jobs.group(1) + ":\n" + out);
                    finished++;
                }
                assertTrue(finished > 0, "submit listed the run's Flink job(s):\n" + out);
                // The client JVM exits after Flink closed the job's class loader: nothing may still need it.
                assertFalse(out.contains("NoClassDefFoundError"), "a clean exit of the client:\n" + out);
                assertFalse(out.contains("Exception in thread"), "a clean exit of the client:\n" + out);
                // What the cluster committed, read through Iceberg from the catalog submit gives S3 lakes by
                // default: one book row per client in this month and in every earlier one.
                try (JdbcS3Lake lake = new JdbcS3Lake("jdbc:sqlite:" + catalog, "http://127.0.0.1:" + s3Port)) {
                    for (YearMonth m : MONTHS.subList(0, MONTHS.indexOf(month) + 1)) {
                        assertEquals(CLIENTS, rows(lake, "book_fatura", m), "one book row per client in " + m
                                + " after the run of " + month);
                    }
                }
            }
        } finally {
            stop = harness.script("stop", "--no-save"); // asserted below: a failure above is the one to report
        }
        assertEquals(0, stop.code(), stop.output());
        assertEquals(List.of(), harness.sessionLeftovers(), "stop left processes behind:\n" + stop.output());
    }

    /** Rows of the month in the table's current snapshot, from its data files' record counts (no row deletes here). */
    private static long rows(JdbcS3Lake lake, String table, YearMonth month) throws Exception {
        long rows = 0;
        try (CloseableIterable<FileScanTask> tasks = lake.table(table).newScan()
                .filter(Expressions.and(Expressions.equal("ano", String.valueOf(month.getYear())),
                        Expressions.equal("mes", String.format("%02d", month.getMonthValue()))))
                .planFiles()) {
            for (FileScanTask t : tasks) {
                assertTrue(t.deletes().isEmpty(), "no row-level deletes in " + t.file().location());
                rows += t.file().recordCount();
            }
        }
        return rows;
    }
}
