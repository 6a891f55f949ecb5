package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.report.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stage, times it, logs one line for operators and records it in the reports of the command (one
 * per month it processes).
 */
public final class Stages {
    private static final Logger LOG = LoggerFactory.getLogger("pod-cartoes");

    /** A stage's work; may throw anything, the stage's name goes into the failure. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private final List<RunReport> reports;
    private final String label;
    private String current = "inicio";

    /** @param label what the log lines start with, e.g. {@code [2024-01]} */
    public Stages(List<RunReport> reports, String label) {
        this.reports = List.copyOf(reports);
        this.label = label;
    }

    public <T> T run(String name, Work<T> work, Function<T, String> detail) throws Exception {
        current = name;
        LOG.info("{} {} ...", label, name);
        long t0 = System.nanoTime();
        T result = work.call();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String text = detail.apply(result);
        reports.forEach(r -> r.stage(name, took, text));
        LOG.info(String.format(Locale.ROOT, "%s %-10s %6.1f s  %s", label, name, took.toMillis() / 1000.0, text));
        return result;
    }

    /** The stage that was running (the one to blame when an exception escapes). */
    public String current() {
        return current;
    }

    public static Logger log() {
        return LOG;
    }
}
