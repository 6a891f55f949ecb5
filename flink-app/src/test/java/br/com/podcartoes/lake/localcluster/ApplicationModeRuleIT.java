package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that {@code local-cluster/run-application} enforces Managed Flink's rule: main runs in the JobManager of
 * an application cluster with high availability, where Flink fixes the job id and allows ONE job per application.
 * A tiny program ({@link ExecuteProgram}, packed alone into a jar here) is run three ways:
 * <ul>
 *   <li>one {@code INSERT}: the application succeeds and its one job finishes;
 *   <li>a second {@code INSERT} on the same {@code TableEnvironment}: Flink refuses it ("Cannot have more than one
 *       execute() or executeAsync() call in a single environment.") and the application fails;
 *   <li>a second {@code INSERT} on a new {@code TableEnvironment} (what the pipeline did per job): Flink answers
 *       it with the job already submitted ("Job ... was recovered successfully."), so the second job never runs
 *       although main carries on as if it had; Flink calls the application a success, run-application fails it.
 * </ul>
 * None of this happens with {@code local-cluster/submit} (session cluster, main in the CLI), which runs both jobs.
 */
class ApplicationModeRuleIT {
    private static final String SAME_ENV_ERROR =
            "Cannot have more than one execute() or executeAsync() call in a single environment.";

    @TempDir
    static Path dir;
    static RunApplication harness;
    static Path programJar;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(RunApplication.supported(), "skipped: local-cluster/ needs Linux, bash, curl and flock");
        harness = new RunApplication("rule", dir);
        harness.killLeftovers(); // what an interrupted earlier run of this test left (its own run folders only)
        programJar = RunApplication.programJar(dir.resolve("execute-program.jar"), ExecuteProgram.class);
    }

    @AfterAll
    static void tearDown() {
        if (harness != null) {
            harness.killLeftovers();
        }
    }

    @Test
    void oneJobFinishes() throws Exception {
        Path out = dir.resolve("one");
        RunApplication.Result r = run("one", out);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("application SUCCEEDED"), r.output());
        assertEquals(List.of("FINISHED"), List.copyOf(r.jobs().values()), r.output());
        assertTrue(RunApplication.files(out.resolve("job1")) > 0, "the job wrote its output");
        // main ran in the JobManager (its stdout is the JobManager's), of an application cluster with ZooKeeper HA
        assertTrue(r.jobManagerOut().contains("ExecuteProgram one: main returned normally"), r.jobManagerOut());
        String log = r.jobManagerLog();
        assertTrue(log.contains("Starting StandaloneApplicationClusterEntryPoint"), "application cluster");
        assertTrue(log.contains("ZooKeeperLeaderElectionHaServices"), "ZooKeeper high availability");
        assertEquals(1, r.count("Submitting Job with JobId="));
        assertEquals(0, r.count("was recovered successfully"));
    }

    @Test
    void aSecondExecuteOnTheSameEnvironmentFails() throws Exception {
        Path out = dir.resolve("same-env");
        RunApplication.Result r = run("same-env", out);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.jobManagerLog().contains(SAME_ENV_ERROR), "Flink's own refusal, in the JobManager's log");
        assertTrue(r.output().contains(SAME_ENV_ERROR), "and printed by run-application:\n" + r.output());
        assertFalse(r.output().contains("application SUCCEEDED"), r.output());
        assertEquals(List.of("FINISHED"), List.copyOf(r.jobs().values()), "only the first job ran: " + r.output());
        assertTrue(RunApplication.files(out.resolve("job1")) > 0);
        assertEquals(0, RunApplication.files(out.resolve("job2")), "the second job never ran");
        assertFalse(r.jobManagerOut().contains("main returned normally"), "main ended with the exception");
    }

    @Test
    void aSecondExecuteOnANewEnvironmentNeverRuns() throws Exception {
        Path out = dir.resolve("new-env");
        RunApplication.Result r = run("new-env", out);
        assertEquals(1, r.code(), r.output());
        // Flink's side: one job submitted, the second execute() answered with it; main carried on regardless.
        assertEquals(1, r.count("Submitting Job with JobId="));
        assertEquals(1, r.count("was recovered successfully"));
        assertTrue(r.jobManagerOut().contains("ExecuteProgram: INSERT INTO job2 returned"), r.jobManagerOut());
        assertTrue(r.jobManagerOut().contains("main returned normally"), r.jobManagerOut());
        assertTrue(r.output().contains("application SUCCEEDED"), "Flink calls it a success: " + r.output());
        Map<String, String> jobs = r.jobs();
        assertEquals(List.of("FINISHED"), List.copyOf(jobs.values()), r.output());
        assertTrue(RunApplication.files(out.resolve("job1")) > 0);
        assertEquals(0, RunApplication.files(out.resolve("job2")), "the second job never ran");
        // run-application's side: it says so and fails the run.
        assertTrue(r.output().contains("answered with the already-submitted job and never ran"), r.output());
        assertTrue(r.output().contains("run-application: FAILED"), r.output());
    }

    @Test
    void ctrlCStopsEverything() throws Exception {
        Path out = dir.resolve("interrupted");
        // SIGINT to the whole process group (what Ctrl-C does) while ZooKeeper, the JobManager and the TaskManager
        // are starting or running: all of them stopped, by the script's trap.
        RunApplication.Script r = harness.interrupted("JobManager (application mode, HA)", Duration.ofSeconds(4),
                "--jar", programJar.toString(), "--class", ExecuteProgram.class.getName(), "one", "--out", out.toString());
        assertEquals(130, r.code(), r.output());
        assertTrue(r.output().contains("run-application: stopping (exit 130)"), r.output());
        assertFalse(r.output().contains("run-application: OK"), r.output());
    }

    private static RunApplication.Result run(String mode, Path out) throws Exception {
        return harness.run("--jar", programJar.toString(), "--class", ExecuteProgram.class.getName(), mode,
                "--out", out.toString());
    }
}
