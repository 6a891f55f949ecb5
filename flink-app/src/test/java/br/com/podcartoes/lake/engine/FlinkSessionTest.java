package br.com.podcartoes.lake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.junit.jupiter.api.Test;

/** What the program itself sets: on the embedded MiniCluster its cluster settings, on a cluster batch mode only. */
class FlinkSessionTest {
    @Test
    void embeddedTheProcessIsTheClusterAndSetsItsMemoryAndParallelism() {
        FlinkSession session = FlinkSession.create(3);
        assertInstanceOf(LocalStreamEnvironment.class, session.env());
        assertEquals(3, session.env().getParallelism());
        assertEquals(MemorySize.parse("1g"), session.env().getConfiguration().get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
        assertEquals(RuntimeExecutionMode.BATCH, session.env().getConfiguration().get(ExecutionOptions.RUNTIME_MODE));
    }

    @Test
    void thePlannerRunsWithFlinksDefaults() {
        // No table option of the program's own: the plan the benchmark measures is the one Managed Flink runs.
        Map<String, String> table = FlinkSession.create(0).tableEnv().getConfig().getConfiguration().toMap();
        assertTrue(table.keySet().stream().noneMatch(k -> k.startsWith("table.")), table.toString());
    }

    @Test
    void overridesGoToTheMiniClusterOnly() {
        var conf = FlinkSession.miniCluster(0, Map.of("table.optimizer.agg-phase-strategy", "ONE_PHASE"));
        assertEquals("ONE_PHASE", conf.toMap().get("table.optimizer.agg-phase-strategy"));
        assertTrue(conf.getOptional(CoreOptions.DEFAULT_PARALLELISM).isEmpty(), "0: the MiniCluster's own default");
    }

    @Test
    void onAClusterParallelismAndOverridesAreRefusedNotIgnored() {
        FlinkSession.refuseOnCluster(0, Map.of());
        String parallelism = assertThrows(IllegalArgumentException.class,
                () -> FlinkSession.refuseOnCluster(2, Map.of())).getMessage();
        assertTrue(parallelism.contains("--parallelism 2"), parallelism);
        String override = assertThrows(IllegalArgumentException.class,
                () -> FlinkSession.refuseOnCluster(0, Map.of("taskmanager.memory.managed.size", "1g"))).getMessage();
        assertTrue(override.contains("taskmanager.memory.managed.size"), override);
    }
}
