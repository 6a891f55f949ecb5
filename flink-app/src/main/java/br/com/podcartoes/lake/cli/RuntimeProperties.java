package br.com.podcartoes.lake.cli;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Managed Flink passes no arguments; it gives runtime properties instead. The property group
 * {@code pipeline} becomes a command line ({@code command} names the command, every other key is an
 * option), so both ways go through the same parser and the same validation.
 */
final class RuntimeProperties {
    static final String GROUP = "pipeline";

    private RuntimeProperties() {}

    /** Reads the application properties (on Managed Flink) or the given local file in the same format. */
    static String[] toArgs(String file) throws IOException {
        Map<String, Properties> groups = file == null
                ? KinesisAnalyticsRuntime.getApplicationProperties()
                : KinesisAnalyticsRuntime.getApplicationProperties(file);
        Properties p = groups.get(GROUP);
        if (p == null) {
            throw new IllegalArgumentException("sem argumentos e sem o grupo de propriedades '" + GROUP + "'");
        }
        return toArgs(p);
    }

    static String[] toArgs(Properties p) {
        List<String> args = new ArrayList<>();
        args.add(p.getProperty("command", "run"));
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.equals("command")) {
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
        return key.equals("s3-path-style");
    }
}
