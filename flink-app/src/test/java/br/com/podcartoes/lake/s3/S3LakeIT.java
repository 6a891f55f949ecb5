package br.com.podcartoes.lake.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.storage.TableColumn;
import br.com.podcartoes.lake.testing.BookComparison;
import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FakeGlue;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.GlueLake;
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
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake on a real S3-compatible server (S3Proxy on 127.0.0.1) with its tables in a Glue catalog (a
 * stateful fake on loopback, {@code --catalog glue}): landing, raw and run reports through Flink's S3
 * filesystem, the Iceberg tables through Iceberg's GlueCatalog and S3FileIO. The tables are read back with
 * Iceberg's own API on the same fake and server, and their current snapshot's files with DuckDB.
 */
class S3LakeIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    /** What deploy/ lets the application do in Glue (LakeAccess.GLUE_WRITE and its reads): nothing more is used. */
    static final Set<String> GLUE_GRANTED = Set.of("GetDatabase", "GetTable", "GetTables", "CreateTable", "UpdateTable");

    static S3Server s3;
    static FakeGlue glue;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3Server();
        s3.createBucket("landing");
        s3.createBucket("lake");
        glue = new FakeGlue();
        // One database per test lake, created beforehand as deploy/ does (the job never creates it).
        for (String lake : List.of("gen", "real", "demo", "missing", "denied")) {
            glue.createDatabase(database(lake), "s3://lake/" + lake);
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        glue.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @AfterEach
    void goodCredentials() {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    static String database(String lake) {
        return "pod_" + lake;
    }

    /** The command on S3Proxy with its tables in the fake Glue, in the database of the lake's prefix. */
    private String[] s3Args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        String lake = all.get(all.indexOf("--lake") + 1);
        all.addAll(List.of("--s3-endpoint", s3.endpoint(), "--s3-path-style", "--catalog", "glue",
                "--glue-endpoint", glue.endpoint(), "--glue-database", database(lake.substring("s3://lake/".length()))));
        if (List.of("run", "demo").contains(args[0])) {
            all.addAll(List.of("--detect-attempts", "1")); // only the commands that read the landing take it
        }
        return all.toArray(new String[0]);
    }

    @Test
    void monthsRunEndToEndOnS3() throws Exception {
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        glue.clearCalls();
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
                "gen/_runs/2023-02/", "gen/_metrics/book_fatura/ano=2023/mes=02/", "gen/_metrics/curated/ano=2023/mes=02/")) {
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(prefix)), prefix + " in " + keys);
        }
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("gen/_runs/2023-02/") && k.endsWith(".html")),
                "the quality page beside the report, on S3: " + keys);
        // S3A may leave an empty directory marker ("…/_work/") after deleting a folder's last object.
        assertTrue(keys.stream().noneMatch(k -> k.contains("/_work/") && !k.endsWith("/")), "no work files left: " + keys);

        // Glue: the job used only what deploy/ grants, and created each table once, as an Iceberg table.
        List<FakeGlue.Call> calls = glue.calls();
        assertTrue(calls.stream().allMatch(c -> GLUE_GRANTED.contains(c.operation())), "Glue calls: "
                + calls.stream().map(FakeGlue.Call::operation).distinct().toList());
        assertEquals(List.of("book_fatura", "estado_fatura", "quarentena_tb_faturas", "quarentena_tb_pagamentos",
                "tb_faturas", "tb_pagamentos"), calls.stream().filter(c -> c.operation().equals("CreateTable"))
                        .map(FakeGlue.Call::table).sorted().toList(), "each table created once, by the first run");
        assertTrue(calls.stream().allMatch(c -> c.error() == null || c.error().equals("EntityNotFoundException")),
                "no refused call: " + calls.stream().filter(c -> c.error() != null).map(FakeGlue.Call::error).toList());
        JsonNode bookInGlue = glue.table(database("gen"), "book_fatura");
        assertEquals("ICEBERG", bookInGlue.at("/Parameters/table_type").asText());
        assertEquals("s3://lake/gen/refined/book_fatura", bookInGlue.at("/StorageDescriptor/Location").asText());
        String metadata = bookInGlue.at("/Parameters/metadata_location").asText();
        assertTrue(keys.contains(metadata.substring("s3://lake/".length())), metadata + " is on S3");
        Map<String, String> comments = new java.util.HashMap<>();
        bookInGlue.at("/StorageDescriptor/Columns").forEach(c -> comments.put(c.get("Name").asText(), c.path("Comment").asText()));
        for (TableColumn c : BookSchema.columns()) {
            assertEquals(c.description(), comments.get(c.name()), "Athena shows the variable's definition: " + c.name());
        }

        JsonNode report = null;
        for (JsonNode r : reports("gen", "2023-02")) {
            if (r.path("comando").asText().equals("run")) {
                report = r;
            }
        }
        assertTrue(report != null, "the run report of 2023-02 is on S3");
        assertEquals("SUCESSO", report.path("resultado").asText());
        assertEquals("glue", report.path("catalogo").asText());
        assertEquals(Files.size(local.resolve("tb_faturas_202302.csv")),
                report.path("arquivos").get(0).path("tamanho_bytes").asLong());
        assertTrue(report.path("etapas").toString().contains("tb_faturas_202302.csv em "), report.path("etapas").toString());
        for (String t : List.of("tb_faturas", "tb_pagamentos")) {
            long dataLines = Files.readAllLines(local.resolve(t + "_202302.csv")).stream().skip(1)
                    .filter(l -> !l.isBlank()).count();
            assertEquals(dataLines, report.path("tabelas").path(t).path("lidas").asLong(), t + ": every line read once");
        }
        assertTrue(report.path("arquivos").get(0).path("raw").asText().startsWith("s3://lake/gen/raw/"));
        Path copy = dir.resolve("copy");
        try (GlueLake iceberg = new GlueLake(glue, s3, database("gen")); DuckDb db = new DuckDb()) {
            // The curated table's snapshot after February's run is still the current one (backfill rebuilds books only).
            assertEquals(iceberg.table("tb_faturas").currentSnapshot().snapshotId(),
                    report.path("snapshots").path("tb_faturas").path("depois").asLong());
            assertEquals(Set.of("2023-01", "2023-02"), iceberg.months("book_fatura"));
            String faturas = iceberg.duckDbRelation("tb_faturas", copy);
            Map<String, String> schema = db.schema(faturas);
            assertEquals("DECIMAL(15,2)", schema.get("valor_fatura"));
            assertEquals("DATE", schema.get("data_vencimento"));
            assertEquals("BIGINT", schema.get("id_cliente"));
            assertEquals(report.path("tabelas").path("tb_faturas").path("curadas").asLong(),
                    db.count("SELECT COUNT(*) FROM " + faturas + " WHERE mes = 2"));
            assertEquals(report.path("tabelas").path("tb_pagamentos").path("quarentena").asLong(),
                    db.count("SELECT COUNT(*) FROM " + iceberg.duckDbRelation("quarentena_tb_pagamentos", copy)
                            + " WHERE mes = 2"));
            String book = iceberg.duckDbRelation("book_fatura", copy);
            assertEquals(150, db.count("SELECT COUNT(*) FROM " + book + " WHERE mes = 2"));
            assertEquals(150, db.count("SELECT COUNT(*) FROM " + book + " WHERE mes = 1"));
        }
    }

    /** The month's run reports, read from S3. */
    private List<JsonNode> reports(String lake, String month) throws Exception {
        Path copy = dir.resolve("reports-" + lake + "-" + month);
        s3.download("lake", lake + "/_runs/" + month + "/", copy);
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(copy.resolve(lake).resolve("_runs").resolve(month))) {
            for (Path p : files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).toList()) {
                out.add(new ObjectMapper().readTree(p.toFile()));
            }
        }
        return out;
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
        s3.download("lake", "real/raw/", copy);
        assertEquals(Files.size(SharedData.faturas()),
                Files.size(copy.resolve("real/raw/tb_faturas/historico/tb_faturas.csv")), "raw kept as received");
        try (GlueLake iceberg = new GlueLake(glue, s3, database("real")); DuckDb db = new DuckDb()) {
            YearMonth m = YearMonth.of(2024, 1);
            String ref = ReferenceBook.create(db, SharedData.faturas().toString(), SharedData.pagamentos().toString(), m);
            assertEquals(10_000, BookComparison.assertEqual(db, iceberg.duckDbRelation("book_fatura", copy), ref, m));
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
        try (GlueLake iceberg = new GlueLake(glue, s3, database("demo"))) {
            assertTrue(iceberg.months("book_fatura").contains("2024-01"), "the last month's book, in Glue and on S3");
        }
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
        assertEquals(null, glue.table(database("denied"), "tb_faturas"), "no table created");
    }
}
