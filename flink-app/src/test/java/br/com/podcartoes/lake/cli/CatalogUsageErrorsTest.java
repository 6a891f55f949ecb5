package br.com.podcartoes.lake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.testing.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --catalog} usage errors end with exit code 2 and one clear line, before anything is written. */
class CatalogUsageErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aLocalLakeWithGlueIsAUsageError() throws Exception {
        Path lake = dir.resolve("lake");
        Console.Result r = Console.run("run", "--month", "2024-01", "--landing", dir.toString(), "--lake",
                lake.toString(), "--catalog", "glue", "--detect-attempts", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--catalog glue") && r.err().contains("s3://"), r.err());
        assertFalse(Files.exists(lake), "nothing written");
    }

    @Test
    void theDemoChecksTheCatalogBeforeWritingItsSampleData() throws Exception {
        Path landing = dir.resolve("landing");
        Console.Result r = Console.run("demo", "--clients", "5", "--landing", landing.toString(), "--lake",
                dir.resolve("lake").toString(), "--catalog", "glue");
        assertEquals(2, r.code(), r.err());
        assertFalse(Files.exists(landing), "no sample data written");
    }

    @Test
    void aBadDatabaseNameOrEndpointIsAUsageError() throws Exception {
        Console.Result db = Console.run("run", "--month", "2024-01", "--lake", "s3://bucket/lake", "--catalog", "glue",
                "--glue-database", "Pod-Cartoes");
        assertEquals(2, db.code(), db.err());
        assertTrue(db.err().contains("Pod-Cartoes"), db.err());
        Console.Result endpoint = Console.run("run", "--month", "2024-01", "--lake", "s3://bucket/lake", "--catalog",
                "glue", "--glue-endpoint", "glue sem esquema");
        assertEquals(2, endpoint.code(), endpoint.err());
        assertTrue(endpoint.err().contains("--glue-endpoint"), endpoint.err());
    }
}
