package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.engine.RecoveredJob;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import br.com.podcartoes.lake.storage.Leftovers;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a command's work under its reports (one per month), the same way for run, load-history and
 * backfill: success, or failure with the stage to blame; then, whatever happened, the cost estimate and
 * the reports in {@code _runs/}, and the run's work folders removed. A run stopped by SIGTERM or Ctrl-C
 * writes its reports from a shutdown hook ({@code erro: interrompido}, the stage it was in); only SIGKILL
 * leaves none (and the next run removes what it left). The command holds the lake's lock ({@link LakeLock})
 * throughout: a second command fails at once.
 */
final class ReportedRun {
    /** The command's stages. */
    @FunctionalInterface
    interface Work {
        void run(Stages stages) throws Exception;
    }

    static final String INTERRUPTED = "interrompido";

    private ReportedRun() {}

    static void execute(PipelineOptions options, LakeLayout lake, List<RunReport> reports, Work work)
            throws RunFailedException, IOException {
        // Before anything is written, the report included: a command that finds the lake busy changes nothing.
        try (LakeLock lock = LakeLock.acquire(lake, reports.get(0).runId(),
                reports.get(0).json().path("comando").asText(),
                RecoveredJob.fixedJobId(RecoveredJob.environment()).orElse(null))) {
            executeHolding(options, lake, reports, work);
        }
    }

    /** The same, for a command that took the lake's lock itself, earlier. */
    static void executeHolding(PipelineOptions options, LakeLayout lake, List<RunReport> reports, Work work)
            throws RunFailedException {
        Stages stages = new Stages(reports, label(reports));
        // Whoever gets here first (the command, or the hook on a stop) writes the reports, once.
        AtomicBoolean written = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (written.compareAndSet(false, true)) {
                Stages.log().error("{} interrompido na etapa {}: gravando o relatório", label(reports), stages.current());
                reports.forEach(r -> r.fail(stages.current(), new InterruptedException(INTERRUPTED)));
                finish(options, lake, reports);
            }
        }, "relatorio-ao-interromper");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            work.run(stages);
            if (!written.get()) {
                reports.forEach(RunReport::succeed);
            }
        } catch (Exception e) {
            if (!written.get()) {
                reports.forEach(r -> r.fail(stages.current(), e));
            }
            throw new RunFailedException(reports.get(0), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook runs (or ran) and writes the reports
            }
            if (written.compareAndSet(false, true)) {
                finish(options, lake, reports);
            }
        }
    }

    private static void finish(PipelineOptions options, LakeLayout lake, List<RunReport> reports) {
        for (RunReport r : reports) {
            YearMonth month = YearMonth.parse(r.json().path("mes").asText());
            Costs.estimate(options, r, reports.size());
            ReportWriter.write(lake, month, r);
            Leftovers.removeWork(lake, month, r.runId());
        }
    }

    private static String label(List<RunReport> reports) {
        String first = reports.get(0).json().path("mes").asText();
        String last = reports.get(reports.size() - 1).json().path("mes").asText();
        return "[" + (first.equals(last) ? first : first + ".." + last) + "]";
    }
}
