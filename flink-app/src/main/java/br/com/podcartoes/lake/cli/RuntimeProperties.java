package br.com.podcartoes.lake.cli;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Managed Flink passes no arguments; it gives runtime properties instead. The property group
 * {@code pipeline} becomes a command line ({@code command} names the command, every other key is an
 * option), so both ways go through the same parser and the same validation.
 */
final class RuntimeProperties {
    static final String GROUP = "pipeline";
    static final String EXPECTED_SHAPE =
            "[{\"PropertyGroupId\":\"pipeline\",\"PropertyMap\":{\"command\":\"run\",\"month\":\"2024-01\",…}}]";

    private RuntimeProperties() {}

    /**
     * The application properties Managed Flink gives this JVM; empty when there are none (the runtime's
     * file is absent: a local run with no arguments).
     */
    static Map<String, Properties> managedFlinkGroups() throws IOException {
        return KinesisAnalyticsRuntime.getApplicationProperties();
    }

    /** The command line in the {@code pipeline} group of Managed Flink's properties. */
    static String[] fromManagedFlink(Map<String, Properties> groups) {
        Properties p = groups.get(GROUP);
        if (p == null) {
            throw new IllegalArgumentException("as propriedades de runtime não têm o grupo '" + GROUP
                    + "' (grupos: " + new TreeSet<>(groups.keySet()) + ")");
        }
        return toArgs(p);
    }

    /**
     * Reads a local file in Managed Flink's format. Every way it can be wrong is one line naming the file
     * and the expected shape (the runtime library's own reader would answer with a Jackson stack trace).
     */
    static String[] fromFile(String file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw wrong(file, "arquivo não encontrado");
        } catch (JsonProcessingException e) {
            throw wrong(file, "JSON inválido" + (e.getLocation() == null ? "" : " na linha " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw wrong(file, "não foi possível ler (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isArray()) {
            throw wrong(file, "deve ser uma lista de grupos");
        }
        for (JsonNode group : root) {
            JsonNode map = group.path("PropertyMap");
            if (!group.path("PropertyGroupId").isTextual() || !map.isObject()) {
                throw wrong(file, "cada grupo precisa de PropertyGroupId e PropertyMap");
            }
            if (group.path("PropertyGroupId").asText().equals(GROUP)) {
                Properties p = new Properties();
                map.fields().forEachRemaining(e -> p.setProperty(e.getKey(), e.getValue().asText()));
                return toArgs(p);
            }
        }
        throw wrong(file, "sem o grupo '" + GROUP + "'");
    }

    private static IllegalArgumentException wrong(String file, String what) {
        return new IllegalArgumentException("--properties-file " + file + ": " + what + "; formato esperado: "
                + EXPECTED_SHAPE);
    }

    /**
     * Keys only the commands that read the landing (run, demo) accept. One property group serves every
     * command on Managed Flink and the monthly workflow fills in {@code landing}; for load-history and
     * backfill they are dropped instead of failing as unknown options.
     */
    private static final Set<String> LANDING_KEYS = Set.of("landing", "detect-attempts", "detect-interval");

    /**
     * Keys of the commands that run a Flink job: rollback, export and maintain take only the lake's keys, and
     * drop these (left in the group by the monthly runs) the same way.
     */
    private static final Set<String> JOB_KEYS = Set.of("parallelism", "split-size", "kpu-price-usd",
            "alert-quarantine-pct", "max-quarantine-pct");

    /** The commands that run no Flink job. */
    private static final Set<String> NO_JOB = Set.of("rollback", "export", "maintain");

    static String[] toArgs(Properties p) {
        List<String> args = new ArrayList<>();
        String command = p.getProperty("command", "run");
        args.add(command);
        boolean readsLanding = command.equals("run") || command.equals("demo");
        boolean noJob = NO_JOB.contains(command);
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.equals("command") || (!readsLanding && LANDING_KEYS.contains(key))
                    || (noJob && (JOB_KEYS.contains(key) || key.equals("month") && !command.equals("export")))) {
                continue;
            }
            String value = p.getProperty(key).trim();
            if (value.equalsIgnoreCase("true") && isFlag(key)) {
                args.add("--" + key);
            } else if (!(value.equalsIgnoreCase("false") && isFlag(key))) {
                args.add("--" + key + "=" + value);
            }
        }
        return args.toArray(new String[0]);
    }

    private static boolean isFlag(String key) {
        return key.equals("s3-path-style") || key.equals("cascade");
    }
}
