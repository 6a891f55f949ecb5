package br.com.podcartoes.localcluster.configrule;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * At each job submission of main: the keys whose value in the job's configuration differs from the cluster's,
 * that the program wrote ({@link ProgramWrites}) and that AWS's list does not allow; any such key fails the
 * submission, before the job exists, naming the keys. The job's configuration is the environment's (what Flink's
 * own {@code execution.program-config} check compares with the cluster's; the Table planner copies the TableConfig
 * into it) plus the StreamGraph's job configuration.
 */
public final class SubmissionCheck {
    static volatile Allowlist allowlist;

    private SubmissionCheck() {}

    public static void check(Object environment, Object streamGraph) {
        Configuration cluster = clusterConfiguration((StreamContextEnvironment) environment);
        // getConfiguration() is the environment's own Configuration (Flink documents the cast), not a copy.
        Configuration environmentConf = (Configuration) ((StreamContextEnvironment) environment).getConfiguration();
        Configuration graphConf = ((StreamGraph) streamGraph).getJobConfiguration();
        Set<String> byProgram = new TreeSet<>();
        Set<String> byFlink = new TreeSet<>();
        Set<String> refused = new TreeSet<>();
        for (String key : changedKeys(cluster.toMap(), environmentConf.toMap(), graphConf.toMap())) {
            if (!ProgramWrites.wrote(key)) {
                byFlink.add(key);
            } else if (allowlist.allows(key)) {
                byProgram.add(key);
            } else {
                refused.add(key);
            }
        }
        // What was checked, on the JobManager's stdout: how a surprising verdict can be followed.
        System.out.println("msf-config-rule: keys the job changed from the cluster's configuration: by the program,"
                + " allowed " + byProgram + ", refused " + refused + "; by Flink itself (not checked) " + byFlink);
        if (!refused.isEmpty()) {
            String message = "Managed Flink 2.2 does not allow a program to change these Flink configuration keys: "
                    + String.join(", ", refused) + " (allowed keys: " + allowlist.file()
                    + ", from https://docs.aws.amazon.com/managed-flink/latest/java/programmatic-configuration.html;"
                    + " infrastructure settings only through AWS Support)";
            System.err.println("msf-config-rule: " + message); // the JobManager's stdout, shown by run-application
            throw new ProgramConfigurationNotAllowedException(message);
        }
    }

    /** Keys added, changed or removed in the environment, and added or changed in the StreamGraph's job config. */
    private static Set<String> changedKeys(Map<String, String> cluster, Map<String, String> environment,
            Map<String, String> graph) {
        Set<String> changed = new TreeSet<>();
        Map<String, String> union = new HashMap<>(cluster);
        union.putAll(environment);
        for (String key : union.keySet()) {
            if (!Objects.equals(cluster.get(key), environment.get(key))) {
                changed.add(key);
            }
        }
        graph.forEach((key, value) -> {
            if (!value.equals(cluster.get(key))) {
                changed.add(key);
            }
        });
        return changed;
    }

    /** The configuration the cluster gave main (a private field: Flink exposes it to nothing else). */
    private static Configuration clusterConfiguration(StreamContextEnvironment environment) {
        try {
            Field field = StreamContextEnvironment.class.getDeclaredField("clusterConfiguration");
            field.setAccessible(true);
            return (Configuration) field.get(environment);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("msf-config-rule: StreamContextEnvironment.clusterConfiguration", e);
        }
    }
}
