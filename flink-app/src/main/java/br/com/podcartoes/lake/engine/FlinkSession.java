package br.com.podcartoes.lake.engine;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The one place where the Flink environment of the command's job is built.
 * <ul>
 *   <li><b>On a cluster</b> (Managed Flink, {@code local-cluster/}, a test's MiniCluster) the configuration is the
 *       cluster's. From Managed Flink 2.2 on, a program that changes a Flink property not on AWS's page
 *       "Programmatic Flink configuration properties" fails ({@code local-cluster/msf-programmatic-config.txt}
 *       keeps the list, and {@code run-application} enforces it): the job sets batch mode
 *       ({@code execution.runtime-mode}, on the list) and nothing else. Memory and parallelism are the
 *       cluster's; {@code --parallelism} or a {@code pod.flink.*} override there is refused, not ignored.
 *   <li><b>Embedded</b> ({@code java -jar … run/demo}, the benchmark) this process is the cluster: its
 *       MiniCluster gets managed memory, {@code --parallelism} and any {@code -Dpod.flink.<option>=<value>}.
 * </ul>
 * The planner runs with Flink's defaults everywhere, so the plan measured by the benchmark is the plan
 * Managed Flink runs (docs/performance.md: what dropping the two optimizer options cost, side by side).
 */
public record FlinkSession(StreamExecutionEnvironment env, StreamTableEnvironment tableEnv) {
    private static final String PREFIX = "pod.flink.";

    public static FlinkSession create(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env instanceof LocalStreamEnvironment) {
            env = StreamExecutionEnvironment.createLocalEnvironment(miniCluster(parallelism, overrides()));
        } else {
            refuseOnCluster(parallelism, overrides());
        }
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return new FlinkSession(env, StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode()));
    }

    /**
     * The embedded MiniCluster's configuration: 1 GB of managed memory (sorts, joins and hash aggregations
     * of the batch job), the parallelism when given (else the number of cores), then the overrides. Table
     * options among the overrides reach the planner too: the table config falls back to this configuration.
     *
     * <p>Why 1 GB: with Flink's default aggregation strategy (the one Managed Flink runs; the program may not
     * change it) the book's GROUP BY has a local phase, whose share of the slot's memory made the rest spill
     * at 512 MB: the 1M-client month took 140 s against 120 s; at 1 GB it is level with the one-phase plan
     * of before (docs/performance.md, issue #21).
     */
    static Configuration miniCluster(int parallelism, Map<String, String> overrides) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("1g"));
        if (parallelism > 0) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        overrides.forEach(conf::setString);
        return conf;
    }

    static void refuseOnCluster(int parallelism, Map<String, String> overrides) {
        if (parallelism > 0) {
            throw new IllegalArgumentException("--parallelism " + parallelism + " vale só no MiniCluster embutido:"
                    + " num cluster o paralelismo é do cluster (no Managed Flink, ParallelismConfiguration; no"
                    + " local-cluster/, PARALLELISM em cluster.conf)");
        }
        if (!overrides.isEmpty()) {
            throw new IllegalArgumentException("opções " + overrides.keySet() + " (-D" + PREFIX + "…) valem só no"
                    + " MiniCluster embutido: num cluster a configuração do Flink é do cluster");
        }
    }

    /**
     * Any Flink option given as a Java system property {@code pod.flink.<option>=<value>} (for example
     * {@code -Dpod.flink.taskmanager.memory.managed.size=1g}): the way to try a setting on the embedded
     * MiniCluster without a rebuild.
     */
    static Map<String, String> overrides() {
        Map<String, String> out = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> out.put(k.substring(PREFIX.length()), System.getProperty(k)));
        return out;
    }
}
