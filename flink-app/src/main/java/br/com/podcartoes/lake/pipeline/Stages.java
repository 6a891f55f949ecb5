package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.report.RunReport;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a stage, times it, logs one line for operators and records it in the report. */
public final class Stages {
    private static final Logger LOG = LoggerFactory.getLogger("pod-cartoes");

    /** A stage's work; may throw anything, the stage's name goes into the failure. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private final RunReport report;
    private String current = "inicio";

    public Stages(RunReport report) {
        this.report = report;
    }

    public <T> T run(String name, Work<T> work, Function<T, String> detail) throws Exception {
        current = name;
        LOG.info("{} {} ...", "[" + report.json().path("mes").asText() + "]", name);
        long t0 = System.nanoTime();
        T result = work.call();
        LOG.info(report.stage(name, Duration.ofNanos(System.nanoTime() - t0), detail.apply(result)));
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
