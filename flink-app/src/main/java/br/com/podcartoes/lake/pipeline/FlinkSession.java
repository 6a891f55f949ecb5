package br.com.podcartoes.lake.pipeline;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The one place where the Flink environment of every job is built: batch mode, parallelism and the
 * memory of the embedded MiniCluster. On a cluster (Managed Flink, local-cluster/) the cluster's own
 * configuration decides memory; only parallelism is taken from here when set.
 */
public record FlinkSession(StreamExecutionEnvironment env, StreamTableEnvironment tableEnv) {

    public static FlinkSession create(int parallelism) {
        Configuration conf = new Configuration();
        // Only used when the job runs on an embedded MiniCluster (java -jar ...-all.jar, tests).
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        // Views shared by several sinks are planned once (by digest) instead of once per sink.
        tEnv.getConfig().set("table.optimizer.reuse-optimize-block-with-digest-enabled", "true");
        if (parallelism > 0) {
            tEnv.getConfig().set("table.exec.resource.default-parallelism", String.valueOf(parallelism));
        }
        return new FlinkSession(env, tEnv);
    }
}
