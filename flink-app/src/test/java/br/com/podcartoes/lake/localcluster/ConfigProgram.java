package br.com.podcartoes.lake.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * A tiny Flink program for {@link ProgramConfigRuleIT}, run by {@code local-cluster/run-application} in the
 * JobManager of an application cluster: it changes Flink configuration the ways a program can, then runs one Table
 * API {@code INSERT} (one job) into {@code <out>/job}. Its {@code command} says what it changes:
 * <ul>
 *   <li>{@code infrastructure}: {@code taskmanager.memory.managed.size} in the Configuration it hands to
 *       {@code getExecutionEnvironment} (Managed Flink: only through AWS Support);
 *   <li>{@code listed}: only keys on AWS's list: {@code pipeline.name} and {@code execution.runtime-mode} in that
 *       Configuration, {@code table.exec.async-lookup.buffer-capacity} in the TableConfig;
 *   <li>{@code table-config}: the listed ones, plus {@code table.optimizer.agg-phase-strategy} in the TableConfig
 *       and {@code parallelism.default} through {@code env.setParallelism}, both not on the list.
 * </ul>
 * Only Flink's own classes (the cluster's {@code lib/}): it is packed alone into a small jar by the test.
 */
public final class ConfigProgram {
    private ConfigProgram() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--properties-file")) {
            throw new IllegalArgumentException("usage: --properties-file FILE");
        }
        String properties = Files.readString(Path.of(args[1]));
        String mode = field(properties, "command");
        String out = field(properties, "out");

        Configuration conf = new Configuration();
        conf.setString("execution.runtime-mode", "BATCH");
        switch (mode) {
            case "infrastructure" -> conf.setString("taskmanager.memory.managed.size", "200m");
            case "listed", "table-config" -> conf.setString("pipeline.name", "config-program-" + mode);
            default -> throw new IllegalArgumentException("unknown command " + mode);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        if (!mode.equals("infrastructure")) {
            tables.getConfig().set("table.exec.async-lookup.buffer-capacity", "50");
        }
        if (mode.equals("table-config")) {
            tables.getConfig().set("table.optimizer.agg-phase-strategy", "ONE_PHASE");
            env.setParallelism(1);
        }

        tables.executeSql("CREATE TABLE job (n INT) WITH ('connector' = 'filesystem', 'path' = 'file://" + out
                + "/job', 'format' = 'csv')");
        tables.executeSql("INSERT INTO job VALUES (1), (2), (3)").await();
        System.out.println("ConfigProgram " + mode + ": main returned normally");
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no property " + key + " in " + json);
        }
        return m.group(1);
    }
}
