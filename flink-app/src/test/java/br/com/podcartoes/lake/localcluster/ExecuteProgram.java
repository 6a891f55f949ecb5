package br.com.podcartoes.lake.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A tiny Flink program for {@link ApplicationModeRuleIT}, run by {@code local-cluster/run-application} inside the
 * JobManager of an application cluster with HA. Like the pipeline's main it gets {@code --properties-file FILE}
 * (Managed Flink's runtime-properties format); its {@code command} says how many jobs it runs and how:
 * <ul>
 *   <li>{@code one}: one {@code INSERT} (one job), into {@code <out>/job1};
 *   <li>{@code same-env}: a second {@code INSERT} on the same {@link TableEnvironment}, into {@code <out>/job2};
 *   <li>{@code new-env}: the second {@code INSERT} on a new {@link TableEnvironment} (what the pipeline does per
 *       job today).
 * </ul>
 * Only Flink's own classes (the cluster's {@code lib/}): it is packed alone into a small jar by the test.
 */
public final class ExecuteProgram {
    private ExecuteProgram() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--properties-file")) {
            throw new IllegalArgumentException("usage: --properties-file FILE");
        }
        String properties = Files.readString(Path.of(args[1]));
        String mode = field(properties, "command");
        String out = field(properties, "out");
        TableEnvironment env = batch();
        insert(env, out, "job1");
        switch (mode) {
            case "one" -> { }
            case "same-env" -> insert(env, out, "job2");
            case "new-env" -> insert(batch(), out, "job2");
            default -> throw new IllegalArgumentException("unknown command " + mode);
        }
        System.out.println("ExecuteProgram " + mode + ": main returned normally");
    }

    private static TableEnvironment batch() {
        return TableEnvironment.create(EnvironmentSettings.inBatchMode());
    }

    private static void insert(TableEnvironment env, String out, String table) throws Exception {
        env.executeSql("CREATE TABLE " + table + " (n INT) WITH ('connector' = 'filesystem', 'path' = 'file://"
                + out + "/" + table + "', 'format' = 'csv')");
        env.executeSql("INSERT INTO " + table + " VALUES (1), (2), (3)").await();
        System.out.println("ExecuteProgram: INSERT INTO " + table + " returned");
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no property " + key + " in " + json);
        }
        return m.group(1);
    }
}
