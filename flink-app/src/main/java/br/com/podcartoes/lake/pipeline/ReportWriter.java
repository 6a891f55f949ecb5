package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.report.CommandReport;
import br.com.podcartoes.lake.report.QualityPage;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.report.RunReports;
import java.time.YearMonth;
import org.apache.flink.core.fs.Path;

/**
 * Writes run reports to {@code _runs/YYYY-MM/<run_id>.json} and, beside each, its quality page
 * {@code <run_id>.html}.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** A report of rollback or maintain: {@code _runs/<command>/<run_id>.json}. */
    public static Path write(LakeLayout lake, CommandReport report) {
        Path path = new Path(lake.runsDir(report.command()), report.runId() + ".json");
        try {
            LakeFs.writeString(path, report.toJson());
        } catch (Exception e) {
            Stages.log().error("não foi possível gravar o relatório {}: {}", path, RunReport.message(e));
        }
        return path;
    }

    public static Path write(LakeLayout lake, YearMonth month, RunReport report) {
        Path path = new Path(lake.runsDir(month), report.runId() + ".json");
        try {
            LakeFs.writeString(path, report.toJson());
        } catch (Exception e) {
            // The run's own outcome matters more than its report: log and carry on.
            Stages.log().error("não foi possível gravar o relatório {}: {}", path, RunReport.message(e));
        }
        Path page = RunReports.pagePath(lake, month, report.runId());
        try {
            LakeFs.writeString(page, QualityPage.render(lake, report.json()));
        } catch (Exception e) {
            Stages.log().error("não foi possível gravar a página {}: {}", page, RunReport.message(e));
        }
        return path;
    }
}
