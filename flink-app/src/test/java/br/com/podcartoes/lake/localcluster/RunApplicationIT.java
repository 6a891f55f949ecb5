package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import br.com.podcartoes.lake.testing.BookComparison;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.S3Server;
import br.com.podcartoes.lake.testing.JdbcS3Lake;
import br.com.podcartoes.lake.testing.ReferenceBook;
import br.com.podcartoes.lake.testing.Reports;
import br.com.podcartoes.lake.testing.S3Objects;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Months run the way Managed Flink runs them, following local-cluster/README.md's flow: {@code start --s3-only}
 * (the local S3 server), {@code run-application sample-data} (generated files uploaded to the landing prefix),
 * then each {@code run} through {@code run-application}: an application cluster with ZooKeeper HA whose
 * JobManager runs main and allows one Flink job per application, a TaskManager in its own JVM, the lake on S3
 * through the S3 plugin, the options in a Managed Flink runtime-properties file. Two consecutive months, then
 * a re-delivery of the first month's payments ({@code s3 put}), which must rebuild the second month's book. The
 * lake is read back over the S3 API (AWS SDK) and checked with DuckDB: the books against an independent
 * computation from the landing files, and every run's report must name the single Flink job the cluster ran.
 */
class RunApplicationIT {
    private static final int CLIENTS = 200;
    private static final YearMonth JAN = YearMonth.of(2023, 1);
    private static final YearMonth FEB = YearMonth.of(2023, 2);

    // The keys the tests' own S3 client uses (TestS3Clients reads the tables back through S3FileIO).
    private static final String ACCESS_KEY = S3Server.ACCESS_KEY;
    private static final String SECRET_KEY = S3Server.SECRET_KEY;

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
        harness = new RunApplication("months", dir, "S3_PORT=" + s3Port, "S3_ACCESS_KEY=" + ACCESS_KEY,
                "S3_SECRET_KEY=" + SECRET_KEY, "S3_BUCKETS=lake");
        harness.killLeftovers(); // what an interrupted earlier run of this test left (its own run folders only)
        harness.script("stop", "--no-save");
        RunApplication.Script start = harness.script("start", "--s3-only");
        assertEquals(0, start.code(), start.output());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (harness != null) {
            harness.killLeftovers();
            harness.script("stop", "--no-save");
        }
    }

    @Test
    void twoMonthsAndARedeliveryRunAsOneJobEach() throws Exception {
        RunApplication.Result sample = harness.run("sample-data", "--clients", String.valueOf(CLIENTS),
                "--from", "2023-01", "--to", "2023-02", "--seed", "23");
        assertEquals(0, sample.code(), sample.output());
        Path landing = dir.resolve("landing");
        try (S3Client s3 = s3()) {
            S3Objects.download(s3, "lake", "landing/", dir);
        }
        assertEquals(4, files(landing), "two months of invoices and payments in s3://lake/landing/");

        List<RunApplication.Result> runs = new ArrayList<>();
        for (YearMonth month : List.of(JAN, FEB)) {
            // Parts of 4 KB (each CSV in 2-3 parts): split reading on a real cluster, ranged reads on S3.
            RunApplication.Result r = harness.run("run", "--month", month.toString(), "--split-size", "4096",
                    "--catalog", catalog());
            assertEquals(0, r.code(), "run " + month + " through run-application:\n" + r.output());
            runs.add(r);
        }

        // January's payments re-delivered: the second half of them is gone. January's curated partition is
        // replaced and the February book, whose windows include January's invoices, is rebuilt.
        Path original = Files.createDirectories(dir.resolve("original")); // the payments as first delivered
        Path payments = landing.resolve("tb_pagamentos_202301.csv");
        for (String name : List.of("tb_pagamentos_202301.csv", "tb_pagamentos_202302.csv")) {
            Files.copy(landing.resolve(name), original.resolve(name));
        }
        List<String> lines = Files.readAllLines(payments, StandardCharsets.UTF_8);
        int keep = 1 + (lines.size() - 1) / 2;
        assertTrue(lines.size() - keep > 10, "the re-delivery drops payments: " + lines.size());
        Files.write(payments, lines.subList(0, keep), StandardCharsets.UTF_8);
        RunApplication.Script put = harness.script("s3", "put", payments.toString(), "s3://lake/landing/");
        assertEquals(0, put.code(), put.output());
        RunApplication.Result redelivery = harness.run("run", "--month", JAN.toString(), "--split-size", "4096",
                "--catalog", catalog());
        assertEquals(0, redelivery.code(), "re-delivered 2023-01 through run-application:\n" + redelivery.output());
        runs.add(redelivery);

        Path copy = dir.resolve("s3");
        try (S3Client s3 = s3()) {
            S3Objects.download(s3, "lake", "lake/", copy);
        }
        Path lake = copy.resolve("lake");

        // Reports: three runs, each SUCESSO with exactly one Flink job, the one the cluster ran and finished.
        List<JsonNode> reports = new ArrayList<>(Reports.all(lake, "2023-01"));
        reports.add(1, Reports.latest(lake, "2023-02"));
        assertEquals(3, reports.size(), reports.toString());
        for (int i = 0; i < 3; i++) {
            JsonNode report = reports.get(i);
            RunApplication.Result run = runs.get(i);
            assertEquals("SUCESSO", report.path("resultado").asText(), report.toString());
            JsonNode jobs = report.path("jobs_flink");
            assertTrue(jobs.isArray() && jobs.size() == 1, "jobs_flink has exactly one id: " + report);
            Map<String, String> ran = run.jobs();
            assertEquals(Map.of(jobs.get(0).asText(), "FINISHED"), ran, "the report's job is the one that ran");
            assertEquals(1, run.count("Submitting Job with JobId="), "one submission");
            assertEquals(0, run.count("was recovered successfully"), "no second execute()");
            String job = report.path("etapas").toString();
            assertTrue(job.matches("(?s).*tb_faturas_2023\\d\\d\\.csv em [2-9] partes.*"), "invoices read in parts: " + job);
        }
        assertEquals(List.of("2023-02"), List.of(reports.get(2).path("book").path("meses_reconstruidos").get(0).asText()),
                "the re-delivery rebuilt the later book: " + reports.get(2));
        assertTrue(reports.get(2).path("arquivos").toString().contains("\"reentrega\":true"), reports.get(2).toString());

        // Raw: February's files as delivered, copied by main in the JobManager through the S3 plugin.
        for (String table : List.of("tb_faturas", "tb_pagamentos")) {
            String name = table + "_202302.csv";
            assertArrayEquals(Files.readAllBytes(landing.resolve(name)),
                    Files.readAllBytes(lake.resolve("raw/" + table + "/ano=2023/mes=02/" + name)), "raw " + name);
        }

        try (DuckDb db = new DuckDb(); JdbcS3Lake iceberg = new JdbcS3Lake(catalog(), "http://127.0.0.1:" + s3Port)) {
            // Curated: what the TaskManager wrote to S3 is what the reports counted (the latest run of each month).
            for (int i : new int[] {1, 2}) {
                JsonNode report = reports.get(i);
                YearMonth month = YearMonth.parse(report.path("mes").asText());
                for (String table : List.of("tb_faturas", "tb_pagamentos")) {
                    assertEquals(report.path("tabelas").path(table).path("curadas").asLong(),
                            db.count("SELECT COUNT(*) FROM " + iceberg.duckDbRelation(table, copy) + " WHERE ano = "
                                    + month.getYear() + " AND mes = " + month.getMonthValue()), month + " " + table);
                }
            }
            String book = iceberg.duckDbRelation("book_fatura", copy);
            for (YearMonth month : List.of(JAN, FEB)) {
                assertEquals(CLIENTS, db.count("SELECT COUNT(*) FROM " + book + " WHERE ano = " + month.getYear()
                        + " AND mes = " + month.getMonthValue()), "one book row per client in " + month);
            }
            // Both books equal an independent computation from the landing files as they are now.
            String faturas = landing.resolve("tb_faturas_*.csv").toString();
            String pagamentos = landing.resolve("tb_pagamentos_*.csv").toString();
            for (YearMonth month : List.of(JAN, FEB)) {
                String ref = ReferenceBook.create(db, faturas, pagamentos, month);
                assertEquals(CLIENTS, BookComparison.assertEqual(db, book, ref, month));
            }
            // ... and the re-delivery mattered for February: its reference from the original files differs.
            String before = ReferenceBook.create(db, faturas, original.resolve("tb_pagamentos_*.csv").toString(), FEB);
            db.execute("ALTER TABLE " + before + " RENAME TO before_202302");
            String after = ReferenceBook.create(db, faturas, pagamentos, FEB);
            assertNotEquals(0, db.count("SELECT COUNT(*) FROM (SELECT * FROM before_202302 EXCEPT SELECT * FROM "
                    + after + ")"), "the re-delivered payments change February's book");
        }
    }

    /** The lake's Iceberg catalog: an SQLite file of the test, shared by the JobManager and TaskManagers. */
    private static String catalog() {
        return "jdbc:sqlite:" + dir.resolve("iceberg.db");
    }

    private static S3Client s3() {
        return S3Objects.client("http://127.0.0.1:" + s3Port, ACCESS_KEY, SECRET_KEY);
    }

    private static long files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }
}
