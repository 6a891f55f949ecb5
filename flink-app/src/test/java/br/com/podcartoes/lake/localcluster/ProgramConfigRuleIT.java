package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that {@code local-cluster/run-application} enforces Managed Flink 2.2's rule on programmatic configuration
 * (AWS, "Programmatic Flink configuration properties": an exception is thrown if application code modifies a Flink
 * property not listed there). A tiny program ({@link ConfigProgram}, packed alone into a jar here) changes
 * configuration and runs one Table API {@code INSERT}:
 * <ul>
 *   <li>{@code taskmanager.memory.managed.size} in the Configuration given to {@code getExecutionEnvironment}: the
 *       submission fails naming the key, and the job never runs;
 *   <li>only listed keys (Configuration and TableConfig): the job runs, although Flink's planner changed keys of its
 *       own in the same job;
 *   <li>{@code table.optimizer.agg-phase-strategy} in the TableConfig and {@code env.setParallelism}: refused, naming
 *       both.
 * </ul>
 * Every other run-application test runs under the same rule (it is always on).
 */
class ProgramConfigRuleIT {
    private static final String REFUSAL = "Managed Flink 2.2 does not allow a program to change these Flink"
            + " configuration keys: ";

    @TempDir
    static Path dir;
    static RunApplication harness;
    static Path programJar;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(RunApplication.supported(), "skipped: local-cluster/ needs Linux, bash, curl and flock");
        harness = new RunApplication("config-rule", dir);
        harness.killLeftovers();
        programJar = RunApplication.programJar(dir.resolve("config-program.jar"), ConfigProgram.class);
        // The program's premise, against the list file itself: which of its keys AWS lists and which not.
        Set<String> listed = Files.readAllLines(RunApplication.repositoryRoot()
                        .resolve("local-cluster/msf-programmatic-config.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        assertTrue(listed.containsAll(List.of("pipeline.name", "execution.runtime-mode",
                "table.exec.async-lookup.buffer-capacity")), listed.toString());
        for (String key : List.of("taskmanager.memory.managed.size", "table.optimizer.agg-phase-strategy",
                "parallelism.default")) {
            assertFalse(listed.contains(key), key);
        }
    }

    @AfterAll
    static void tearDown() {
        if (harness != null) {
            harness.killLeftovers();
        }
    }

    @Test
    void anInfrastructureKeyFailsAtSubmission() throws Exception {
        Path out = dir.resolve("infrastructure");
        RunApplication.Result r = run("infrastructure", out);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains(REFUSAL + "taskmanager.memory.managed.size ("), r.output());
        assertTrue(r.output().contains("local-cluster/msf-programmatic-config.txt"), "names the list: " + r.output());
        assertNeverRan(r, out);
    }

    @Test
    void listedKeysPassBesideThePlannersOwn() throws Exception {
        Path out = dir.resolve("listed");
        RunApplication.Result r = run("listed", out);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("application SUCCEEDED"), r.output());
        assertEquals(List.of("FINISHED"), List.copyOf(r.jobs().values()), r.output());
        assertTrue(r.output().contains("config-program-listed"), "the job has the program's pipeline.name");
        assertTrue(RunApplication.files(out.resolve("job")) > 0, "the job wrote its output");
        String checked = r.jobManagerOut();
        assertTrue(checked.contains("by the program, allowed [execution.runtime-mode, pipeline.name,"
                + " table.exec.async-lookup.buffer-capacity], refused []"), checked);
        // Keys Flink's planner writes into every Table API job (they made Flink's own execution.program-config
        // switch refuse such jobs): changed in this job too, and not held against the program.
        for (String plannerKey : List.of("__table.query-start.epoch-time__",
                "execution.batch.adaptive.stream-graph-optimization.strategies")) {
            assertTrue(checked.matches("(?s).*by Flink itself \\(not checked\\) \\[[^\\]]*"
                    + Pattern.quote(plannerKey) + ".*"), plannerKey + " in:\n" + checked);
        }
    }

    @Test
    void aTableConfigKeyAndASetterFail() throws Exception {
        Path out = dir.resolve("table-config");
        RunApplication.Result r = run("table-config", out);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains(REFUSAL + "parallelism.default, table.optimizer.agg-phase-strategy ("),
                r.output());
        assertNeverRan(r, out);
    }

    /** Refused at submission: no job reached Flink, nothing was written, main ended with the exception. */
    private static void assertNeverRan(RunApplication.Result r, Path out) throws Exception {
        assertTrue(r.output().contains("run-application: FAILED"), r.output());
        assertEquals(0, r.count("Submitting Job with JobId="), "no job submitted");
        assertEquals(List.of(), List.copyOf(r.jobs().values()), r.output());
        assertEquals(0, RunApplication.files(out.resolve("job")), "the job never ran");
        assertFalse(r.jobManagerOut().contains("main returned normally"), r.jobManagerOut());
    }

    private static RunApplication.Result run(String mode, Path out) throws Exception {
        return harness.run("--jar", programJar.toString(), "--class", ConfigProgram.class.getName(), mode,
                "--out", out.toString());
    }
}
