package br.com.podcartoes.localcluster.configrule;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration keys the program itself wrote, into any Flink {@code Configuration} of the JobManager.
 *
 * <p>A write counts as the program's when, walking the stack up from it past Flink's configuration API (the classes
 * through which a program sets options: {@code org.apache.flink.configuration.*}, {@code StreamExecutionEnvironment}
 * and its subclasses, {@code ExecutionConfig}, {@code SerializerConfigImpl}, {@code CheckpointConfig},
 * {@code TableConfig}, {@code EnvironmentSettings}) and past the JDK, the first class left was loaded by a Flink
 * user-code class loader: the program's jar. Flink's own code stays out: the framework (ApplicationDispatcherBootstrap,
 * the executors) is loaded by the application class loader and the Table planner by its own component class loader
 * (flink-table-planner-loader), so the keys the planner writes into every Table API job
 * ({@code __table.query-start.epoch-time__}, {@code execution.batch.adaptive.*}, ...) are not the program's.
 *
 * <p>Keys, not Configuration objects, are kept: Flink copies configurations without writing them key by key
 * ({@code addAll}, the copy constructor), e.g. the one a program hands to {@code getExecutionEnvironment}.
 */
public final class ProgramWrites {
    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Flink classes that write options on a program's behalf (a prefix of the class name; nested classes too). */
    private static final String[] CONFIGURATION_API = {
        "org.apache.flink.configuration.",
        "org.apache.flink.api.common.ExecutionConfig",
        "org.apache.flink.api.common.serialization.SerializerConfigImpl",
        "org.apache.flink.streaming.api.environment.CheckpointConfig",
        "org.apache.flink.table.api.TableConfig",
        "org.apache.flink.table.api.EnvironmentSettings",
    };
    private static final String ENVIRONMENT = "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment";
    private static final Set<String> USER_CODE_LOADERS = Set.of(
            "org.apache.flink.util.FlinkUserCodeClassLoader",
            "org.apache.flink.util.FlinkUserCodeClassLoaders$SafetyNetWrapperClassLoader");

    private ProgramWrites() {}

    /** Called on every write of {@code key} to a Flink Configuration (from Configuration.setValueInternal). */
    public static void record(String key) {
        if (key == null || KEYS.contains(key)) {
            return;
        }
        Optional<Class<?>> writer = STACK.walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !passesOnTheWrite(c))
                .findFirst());
        if (writer.isPresent() && loadedByUserCodeLoader(writer.get())) {
            KEYS.add(key);
        }
    }

    /** Whether the program wrote {@code key} (or the map-typed option whose entry it is). */
    static boolean wrote(String key) {
        return Keys.coveredBy(key, KEYS);
    }

    private static boolean passesOnTheWrite(Class<?> c) {
        if (c.getName().startsWith(ProgramWrites.class.getPackageName() + ".")) {
            return true; // this agent
        }
        ClassLoader loader = c.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true; // the JDK (Optional.ifPresent, Map.forEach, ... between an API class and its caller)
        }
        String name = c.getName();
        for (String prefix : CONFIGURATION_API) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        if (name.startsWith("org.apache.flink.")) {
            for (Class<?> s = c; s != null; s = s.getSuperclass()) {
                if (s.getName().equals(ENVIRONMENT)) {
                    return true; // StreamExecutionEnvironment and Flink's subclasses (StreamContextEnvironment, ...)
                }
            }
        }
        return false;
    }

    private static boolean loadedByUserCodeLoader(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        for (Class<?> l = loader == null ? null : loader.getClass(); l != null; l = l.getSuperclass()) {
            if (USER_CODE_LOADERS.contains(l.getName())) {
                return true;
            }
        }
        return false;
    }
}
