package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import java.time.YearMonth;
import java.util.List;

/**
 * Runs a command's work under its reports (one per month), the same way for run, load-history and
 * backfill: success, or failure with the stage to blame; then, whatever happened, the cost estimate and
 * the reports in {@code _runs/}.
 */
final class ReportedRun {
    /** The command's stages. */
    @FunctionalInterface
    interface Work {
        void run(Stages stages) throws Exception;
    }

    private ReportedRun() {}

    static void execute(PipelineOptions options, LakeLayout lake, List<RunReport> reports, Work work)
            throws RunFailedException {
        Stages stages = new Stages(reports, label(reports));
        try {
            work.run(stages);
            reports.forEach(RunReport::succeed);
        } catch (Exception e) {
            reports.forEach(r -> r.fail(stages.current(), e));
            throw new RunFailedException(reports.get(0), e);
        } finally {
            for (RunReport r : reports) {
                Costs.estimate(options, r, reports.size());
                ReportWriter.write(lake, YearMonth.parse(r.json().path("mes").asText()), r);
            }
        }
    }

    private static String label(List<RunReport> reports) {
        String first = reports.get(0).json().path("mes").asText();
        String last = reports.get(reports.size() - 1).json().path("mes").asText();
        return "[" + (first.equals(last) ? first : first + ".." + last) + "]";
    }
}
