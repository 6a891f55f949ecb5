package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.report.RunReport;
import java.time.YearMonth;

/**
 * Runs one month's work under its report, the same way for run, load-history and backfill: success, or
 * failure with the stage to blame; then, whatever happened, the cost estimate and the report in
 * {@code _runs/}.
 */
final class ReportedRun {
    /** The month's stages. */
    @FunctionalInterface
    interface Work {
        void run(Stages stages) throws Exception;
    }

    private ReportedRun() {}

    static RunReport execute(PipelineOptions options, LakeLayout lake, YearMonth month, RunReport report, Work work)
            throws RunFailedException {
        Stages stages = new Stages(report);
        try {
            work.run(stages);
            report.succeed();
        } catch (Exception e) {
            report.fail(stages.current(), e);
            throw new RunFailedException(report, e);
        } finally {
            Costs.estimate(options, report);
            ReportWriter.write(lake, month, report);
        }
        return report;
    }
}
