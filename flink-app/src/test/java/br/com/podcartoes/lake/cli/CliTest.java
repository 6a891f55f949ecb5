package br.com.podcartoes.lake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "load-history", "backfill", "demo", "sample-data", "dictionary", "rollback", "export",
            "maintain"})
    void everyCommandHasHelp(String command) throws Exception {
        Console.Result r = Console.run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Uso: pod-cartoes-lake " + command), r.out());
        assertTrue(r.out().contains("Mostra esta ajuda e sai."), "picocli's own texts in Portuguese too: " + r.out());
    }

    @Test
    void unknownOptionIsRejectedWithOneLineAndExitTwo() throws Exception {
        Console.Result r = Console.run("run", "--month", "2024-01", "--bogus", "x");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertTrue(r.err().startsWith("erro: opção ou argumento desconhecido: '--bogus', 'x'"), r.err());
        assertTrue(Console.run("run").err().contains("falta a opção obrigatória --month=YYYY-MM"));
        Console.Result catalog = Console.run("run", "--month", "2024-01", "--catalog", "hive");
        assertEquals(2, catalog.code(), catalog.err());
        assertTrue(catalog.err().contains("--catalog hive não suportado (local | glue | jdbc:<url>)"), catalog.err());
    }

    @Test
    void helpDescribesEveryOptionAndOnlyTheOnesThatApply() throws Exception {
        CommandLine cli = new CommandLine(new Main());
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                assertTrue(o.description().length > 0 && !o.description()[0].isBlank(),
                        sub.getCommandName() + " " + o.longestName() + " has no description");
            }
        }
        for (String command : new String[] {"load-history", "backfill"}) {
            String help = Console.run(command, "--help").out();
            for (String landingOption : new String[] {"--landing", "--detect-attempts", "--detect-interval"}) {
                assertFalse(help.contains(landingOption), command + " does not read the landing: " + help);
            }
        }
        assertFalse(Console.run("backfill", "--help").out().contains("--max-quarantine-pct"), "backfill curates nothing");
        String run = Console.run("run", "--help").out();
        assertTrue(run.replaceAll("\\s+", " ").contains("o paralelismo é do cluster e N > 0 é recusado"), run);
        assertTrue(run.contains("--max-quarantine-pct") && run.contains("padrão: 10"), run);
    }

    @Test
    void noArgumentsAndNoManagedFlinkPropertiesPrintsTheUsage() throws Exception {
        Console.Result r = Console.run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Uso: pod-cartoes-lake") && r.err().contains("load-history"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void propertiesFileProblemsAreOneLineWithTheExpectedShape() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalido.json"), "[{\"PropertyGroupId\": ");
        Path shape = Files.writeString(dir.resolve("formato.json"), "{\"pipeline\": {\"month\": \"2024-01\"}}");
        Path noGroup = Files.writeString(dir.resolve("sem-grupo.json"),
                "[{\"PropertyGroupId\": \"outro\", \"PropertyMap\": {}}]");
        for (Path file : new Path[] {dir.resolve("nao-existe.json"), invalid, shape, noGroup}) {
            Console.Result r = Console.run("--properties-file", file.toString());
            assertEquals(2, r.code(), file.toString());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(file.toString()) && r.err().contains("\"PropertyGroupId\":\"pipeline\""),
                    r.err());
        }
    }

    @Test
    void lakeOrLandingThatIsAFileIsRefusedBeforeDetection() throws Exception {
        Path file = Files.writeString(dir.resolve("lakefile"), "x");
        for (String option : new String[] {"--lake", "--landing"}) {
            Console.Result r = Console.run("run", "--month", "2024-01", option, file.toString(), "--detect-attempts", "1");
            assertEquals(2, r.code(), option);
            assertTrue(r.err().contains(option + " " + file + " não é uma pasta"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("lake")));
    }

    @Test
    void demoWithNoClientsIsRefused() throws Exception {
        Console.Result r = Console.run("demo", "--clients", "0", "--landing", dir.resolve("landing").toString(),
                "--lake", dir.resolve("lake").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--clients deve ser >= 1"), r.err());
        assertFalse(Files.exists(dir.resolve("landing")), "nothing generated");
    }

    @Test
    void backfillOfAMissingLakeOrOfMonthsWithoutCuratedDataCreatesNothing() throws Exception {
        Path missing = dir.resolve("nao-existe");
        Console.Result r = Console.run("backfill", "--from", "2024-01", "--to", "2024-02", "--lake", missing.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("não existe"), r.err());
        assertFalse(Files.exists(missing), "no new, empty lake");

        Files.createDirectories(dir.resolve("lake/raw"));
        r = Console.run("backfill", "--from", "2023-12", "--to", "2024-02", "--lake", dir.resolve("lake").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("sem dados curados em 2023-12, 2024-01, 2024-02"), r.err());
        assertFalse(Files.exists(dir.resolve("lake/_runs")), "no report, no work folder");
        assertFalse(Files.exists(dir.resolve("lake/refined")));
        assertFalse(Files.exists(dir.resolve("lake/_catalog")), "reading an empty lake creates no catalog");
    }

    @Test
    void binaryInputIsQuotedShortAndEscaped() throws Exception {
        Path landing = Files.createDirectories(dir.resolve("landing"));
        byte[] noise = new byte[300_000];
        new java.util.Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = noise[i] == '\n' || noise[i] == '\r' ? (byte) 0x1b : noise[i];
        }
        Files.write(landing.resolve("tb_faturas_202301.csv"), noise);
        Files.writeString(landing.resolve("tb_pagamentos_202301.csv"),
                "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento\n");
        Path lake = dir.resolve("lake");
        Console.Result r = Console.run("run", "--month", "2023-01", "--landing", landing.toString(), "--lake",
                lake.toString(), "--detect-attempts", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().length() < 2_000, r.err().length() + " characters");
        assertFalse(r.err().contains("\u001b"), "no raw ESC");
        assertTrue(r.err().contains("\\x") && r.err().contains("caracteres cortados"), r.err());
        String erro = Reports.latest(lake, "2023-01").path("erro").asText();
        assertTrue(erro.length() < 1_000 && !erro.contains("\u001b"), erro);
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
        // A rollback from the same group: the month and the job's keys of the monthly runs are dropped.
        Properties rollback = new Properties();
        rollback.setProperty("command", "rollback");
        rollback.setProperty("run-id", "20250205T031500Z-7f3a");
        rollback.setProperty("cascade", "true");
        rollback.setProperty("month", "2025-01");
        rollback.setProperty("landing", "s3://bucket/landing");
        rollback.setProperty("parallelism", "2");
        rollback.setProperty("kpu-price-usd", "0.17");
        rollback.setProperty("lake", "s3://bucket/lake");
        assertArrayEquals(new String[] {"rollback", "--cascade", "--lake=s3://bucket/lake",
                "--run-id=20250205T031500Z-7f3a"}, RuntimeProperties.toArgs(rollback));
        // One group serves every command: the landing keys the workflow fills in do not break load-history.
        Properties history = new Properties();
        history.setProperty("command", "load-history");
        history.setProperty("landing", "s3://bucket/landing");
        history.setProperty("detect-attempts", "2");
        history.setProperty("faturas", "f.csv");
        assertArrayEquals(new String[] {"load-history", "--faturas=f.csv"}, RuntimeProperties.toArgs(history));
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
