package br.com.podcartoes.lake.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.BookComparison;
import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.ReferenceBook;
import br.com.podcartoes.lake.testing.S3Server;
import br.com.podcartoes.lake.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake on a real S3-compatible server (S3Proxy on 127.0.0.1): landing, raw, curated, quarantine,
 * refined and run reports all through {@code s3://}; the Parquet downloaded and read by DuckDB.
 */
class S3LakeIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3Server();
        s3.createBucket("landing");
        s3.createBucket("lake");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @AfterEach
    void goodCredentials() {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    private String[] s3Args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--s3-endpoint", s3.endpoint(), "--s3-path-style"));
        if (List.of("run", "demo").contains(args[0])) {
            all.addAll(List.of("--detect-attempts", "1")); // only the commands that read the landing take it
        }
        return all.toArray(new String[0]);
    }

    @Test
    void monthsRunEndToEndOnS3() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        Path local = dir.resolve("gen");
        new SampleDataGenerator(150, 3, 0.05, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 2), local);
        try (Stream<Path> files = Files.list(local)) {
            files.forEach(f -> s3.put("landing", "m/" + f.getFileName(), f));
        }
        for (String m : List.of("2023-01", "2023-02")) {
            // Parts of ~2 KB: each part is a ranged read of the raw object on S3.
            Console.Result r = Console.run(s3Args("run", "--month", m, "--landing", "s3://landing/m",
                    "--lake", "s3://lake/gen", "--split-size", "2000"));
            assertEquals(0, r.code(), r.err());
        }
        // backfill on S3 too: the rebuilt book of February replaces the partition, nothing else.
        Console.Result backfill = Console.run(s3Args("backfill", "--from", "2023-02", "--to", "2023-02",
                "--lake", "s3://lake/gen"));
        assertEquals(0, backfill.code(), backfill.err());
        List<String> keys = s3.keys("lake", "gen/");
        for (String prefix : List.of("gen/raw/tb_faturas/ano=2023/mes=01/tb_faturas_202301.csv",
                "gen/curated/tb_faturas/ano=2023/mes=02/", "gen/curated/tb_pagamentos/ano=2023/mes=02/",
                "gen/quarantine/tb_faturas/ano=2023/mes=01/", "gen/refined/book_fatura/ano=2023/mes=02/",
                "gen/_runs/2023-02/", "gen/_metrics/book_fatura/ano=2023/mes=02/", "gen/_metrics/curated/ano=2023/mes=02/")) {
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(prefix)), prefix + " in " + keys);
        }
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("gen/_runs/2023-02/") && k.endsWith(".html")),
                "the quality page beside the report, on S3: " + keys);
        // S3A may leave an empty directory marker ("…/_work/") after deleting a folder's last object.
        assertTrue(keys.stream().noneMatch(k -> k.contains("/_work/") && !k.endsWith("/")), "no work files left: " + keys);

        Path copy = dir.resolve("copy");
        s3.download("lake", "gen/", copy);
        Path lake = copy.resolve("gen");
        JsonNode report = null;
        try (Stream<Path> reports = Files.list(lake.resolve("_runs/2023-02"))) {
            for (Path p : reports.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).toList()) {
                JsonNode r = new ObjectMapper().readTree(p.toFile());
                if (r.path("comando").asText().equals("run")) {
                    report = r;
                }
            }
        }
        assertTrue(report != null, "the run report of 2023-02 is on S3");
        assertEquals("SUCESSO", report.path("resultado").asText());
        assertEquals(Files.size(local.resolve("tb_faturas_202302.csv")),
                report.path("arquivos").get(0).path("tamanho_bytes").asLong());
        assertTrue(report.path("etapas").toString().contains("tb_faturas_202302.csv em "), report.path("etapas").toString());
        for (String t : List.of("tb_faturas", "tb_pagamentos")) {
            long dataLines = Files.readAllLines(local.resolve(t + "_202302.csv")).stream().skip(1)
                    .filter(l -> !l.isBlank()).count();
            assertEquals(dataLines, report.path("tabelas").path(t).path("lidas").asLong(), t + ": every line read once");
        }
        assertTrue(report.path("arquivos").get(0).path("raw").asText().startsWith("s3://lake/gen/raw/"));
        try (DuckDb db = new DuckDb()) {
            Map<String, String> schema = db.schema(DuckDb.table(lake, "curated/tb_faturas"));
            assertEquals("DECIMAL(15,2)", schema.get("valor_fatura"));
            assertEquals("DATE", schema.get("data_vencimento"));
            assertEquals("BIGINT", schema.get("id_cliente"));
            assertEquals(report.path("tabelas").path("tb_faturas").path("curadas").asLong(),
                    db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "curated/tb_faturas") + " WHERE mes = 2"));
            assertEquals(report.path("tabelas").path("tb_pagamentos").path("quarentena").asLong(),
                    db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "quarantine/tb_pagamentos") + " WHERE mes = 2"));
            assertEquals(150, db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "refined/book_fatura")
                    + " WHERE mes = 2"));
        }
    }

    @Test
    void loadHistoryOfTheRealFilesOnS3() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        s3.put("landing", "historico/tb_faturas.csv", SharedData.faturas());
        s3.put("landing", "historico/tb_pagamentos.csv", SharedData.pagamentos());
        Console.Result r = Console.run(s3Args("load-history", "--faturas", "s3://landing/historico/tb_faturas.csv",
                "--pagamentos", "s3://landing/historico/tb_pagamentos.csv", "--lake", "s3://lake/real"));
        assertEquals(0, r.code(), r.err());
        Path copy = dir.resolve("real");
        s3.download("lake", "real/refined/", copy);
        s3.download("lake", "real/raw/", copy);
        assertEquals(Files.size(SharedData.faturas()),
                Files.size(copy.resolve("real/raw/tb_faturas/historico/tb_faturas.csv")), "raw kept as received");
        try (DuckDb db = new DuckDb()) {
            YearMonth m = YearMonth.of(2024, 1);
            String ref = ReferenceBook.create(db, SharedData.faturas().toString(), SharedData.pagamentos().toString(), m);
            assertEquals(10_000, BookComparison.assertEqual(db, copy.resolve("real"), ref, m));
        }
    }

    @Test
    void demoRunsWithLandingAndLakeOnS3() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        Console.Result r = Console.run(s3Args("demo", "--clients", "10", "--landing", "s3://landing/demo",
                "--lake", "s3://lake/demo", "--max-quarantine-pct", "100"));
        assertTrue(r.out().contains("demo: mês 1 de 13 (2023-01)") && r.out().contains("demo: mês 13 de 13 (2024-01)"),
                r.out());
        assertEquals(0, r.code(), r.err());
        assertTrue(s3.keys("landing", "demo/").contains("demo/tb_pagamentos_202401.csv"), "sample data uploaded");
        assertTrue(s3.keys("lake", "demo/refined/book_fatura/ano=2024/mes=01/").stream().anyMatch(k -> k.contains("part-")),
                "the last month's book is on S3");
        assertTrue(r.out().contains("13 mês(es)"), r.out());
    }

    @Test
    void missingLandingObjectFailsNamingIt() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        Console.Result r = Console.run(s3Args("run", "--month", "2030-01", "--landing", "s3://landing/vazio",
                "--lake", "s3://lake/missing"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("s3://landing/vazio/tb_faturas_203001.csv")
                && r.err().contains("s3://landing/vazio/tb_pagamentos_203001.csv"), r.err());
    }

    @Test
    void wrongCredentialsFailClearlyAndWriteNothing() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, "wrong-secret");
        Console.Result r = Console.run(s3Args("run", "--month", "2023-01", "--landing", "s3://landing/m",
                "--lake", "s3://lake/denied"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("403") || r.err().toLowerCase().contains("forbidden")
                || r.err().contains("SignatureDoesNotMatch") || r.err().contains("AccessDenied"), r.err());
        assertEquals(List.of(), s3.keys("lake", "denied/"), "nothing written with wrong credentials");
    }
}
