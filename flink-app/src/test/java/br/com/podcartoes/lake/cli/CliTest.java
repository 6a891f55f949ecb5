package br.com.podcartoes.lake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "load-history", "backfill", "demo", "sample-data", "dictionary"})
    void everyCommandHasHelp(String command) throws Exception {
        Console.Result r = Console.run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: pod-cartoes-lake " + command), r.out());
    }

    @Test
    void unknownOptionIsRejectedWithOneLineAndExitTwo() throws Exception {
        Console.Result r = Console.run("run", "--month", "2024-01", "--bogus", "x");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13", "2024-1", "janeiro", "2024-01-01"})
    void badMonthIsRejected(String month) throws Exception {
        Console.Result r = Console.run("run", "--month", month);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(month), r.err());
    }

    @Test
    void badValuesAreRejected() throws Exception {
        assertEquals(2, Console.run("run", "--month", "2024-01", "--catalog", "hive").code());
        assertEquals(2, Console.run("run", "--month", "2024-01", "--detect-attempts", "0").code());
        assertEquals(2, Console.run("run", "--month", "2024-01", "--parallelism", "dois").code());
        assertEquals(2, Console.run("sample-data", "--clients", "0", "--from", "2023-01", "--to", "2023-02",
                "--out", dir.toString()).code());
        assertEquals(2, Console.run("sample-data", "--clients", "5", "--from", "2023-03", "--to", "2023-02",
                "--out", dir.toString()).code());
        assertEquals(2, Console.run("backfill", "--from", "2023-03", "--to", "2023-02").code());
        assertEquals(2, Console.run("run").code(), "--month is required");
    }

    @Test
    void missingFilesFailNamingEveryFileAfterRetrying() throws Exception {
        Files.createDirectories(dir.resolve("landing"));
        long t0 = System.nanoTime();
        Console.Result r = Console.run("run", "--month", "2024-01", "--landing", dir.resolve("landing").toString(),
                "--lake", dir.resolve("lake").toString(), "--detect-attempts", "3", "--detect-interval", "0.1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("tb_faturas_202401.csv") && r.err().contains("tb_pagamentos_202401.csv"), r.err());
        assertTrue(r.err().contains("3 tentativa"), r.err());
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "waited 0.1 s then 0.2 s between attempts");
        assertTrue(Files.exists(dir.resolve("lake/_runs/2024-01")), "a failed run still writes its report");
    }

    @Test
    void sampleDataIsDeterministicForASeed() throws Exception {
        assertEquals(0, Console.run("sample-data", "--clients", "50", "--from", "2023-11", "--to", "2024-01",
                "--out", dir.resolve("a").toString(), "--seed", "9", "--dirty", "0.1").code());
        assertEquals(0, Console.run("sample-data", "--clients", "50", "--from", "2023-11", "--to", "2024-01",
                "--out", dir.resolve("b").toString(), "--seed", "9", "--dirty", "0.1").code());
        for (String f : new String[] {"tb_faturas_202312.csv", "tb_pagamentos_202401.csv"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
        assertEquals(0, Console.run("sample-data", "--clients", "50", "--from", "2023-11", "--to", "2023-11",
                "--out", dir.resolve("clean").toString()).code());
        assertEquals(51, Files.readAllLines(dir.resolve("clean/tb_faturas_202311.csv")).size(),
                "header + one invoice per client");
    }

    @Test
    void runtimePropertiesBecomeTheSameCommandLine() {
        Properties p = new Properties();
        p.setProperty("command", "run");
        p.setProperty("month", "2024-01");
        p.setProperty("lake", "s3://bucket/lake");
        p.setProperty("s3-path-style", "true");
        p.setProperty("catalog", "glue");
        assertArrayEquals(new String[] {"run", "--catalog=glue", "--lake=s3://bucket/lake", "--month=2024-01",
                "--s3-path-style"}, RuntimeProperties.toArgs(p));
    }

    @Test
    void runtimePropertiesFileIsReadLikeManagedFlink() throws Exception {
        Path props = dir.resolve("application_properties.json");
        Files.writeString(props, "[{\"PropertyGroupId\": \"pipeline\", \"PropertyMap\": {\"command\": \"run\","
                + " \"month\": \"2024-13\"}}]");
        Console.Result r = Console.run("--properties-file", props.toString());
        assertEquals(2, r.code(), "the same validation applies to runtime properties");
        assertTrue(r.err().contains("2024-13"), r.err());
    }

    @Test
    void fromRuntimePropertiesAFailureLeavesMainAsAnExceptionNotAnExit() throws Exception {
        // Managed Flink runs main in the JobManager: System.exit there would end the JobManager. A failing
        // command from properties must leave main with an exception (this test's JVM survives to see it).
        Path landing = Files.createDirectories(dir.resolve("landing"));
        Path lake = dir.resolve("lake");
        Path props = dir.resolve("application_properties.json");
        Files.writeString(props, """
                [{"PropertyGroupId": "pipeline", "PropertyMap": {"command": "run", "month": "2024-01",
                  "landing": "%s", "lake": "%s", "detect-attempts": "1"}}]""".formatted(landing, lake));
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> Main.main(new String[] {"--properties-file", props.toString()}));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("tb_faturas_202401.csv"), e.getMessage());
        JsonNode report = Reports.latest(lake, "2024-01");
        assertEquals("FALHA", report.path("resultado").asText(), "the report is written before main leaves");
        assertEquals("deteccao", report.path("etapa_falha").asText());
        assertEquals(0, report.path("jobs_flink").size(), "no Flink job was submitted");

        Files.writeString(props, """
                [{"PropertyGroupId": "pipeline", "PropertyMap": {"command": "run", "month": "2024-13"}}]""");
        assertEquals(2, assertThrows(CommandFailedException.class,
                () -> Main.main(new String[] {"--properties-file", props.toString()})).exitCode());
    }
}
