package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.report.RunReport;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** {@code backfill --from --to}: rebuilds the books of those months from curated data, in order. */
public final class Backfill {
    private final PipelineOptions options;
    private final LakeLayout lake;
    private final CatalogRegistrar catalog;

    public Backfill(PipelineOptions options, CatalogRegistrar catalog) {
        this.options = options;
        this.lake = new LakeLayout(options.lake());
        this.catalog = catalog;
    }

    public List<RunReport> run(YearMonth from, YearMonth to) throws Exception {
        String runId = options.runId() != null ? options.runId() : RunIds.next();
        List<RunReport> reports = new ArrayList<>();
        long total = from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1;
        int done = 0;
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            Stages.log().info("backfill: mês {} ({}/{}, faltam {})", month, ++done, total, total - done);
            RunReport report = new RunReport(runId, "backfill", month);
            YearMonth m = month;
            boolean first = month.equals(from);
            try {
                // The first month's status is rebuilt from curated data; each later one starts from it.
                ReportedRun.execute(options, lake, m, report, stages -> {
                    List<YearMonth> books = new MonthProcessor(lake, options.parallelism())
                            .book(m, report, stages, false, first);
                    CatalogStep.register(catalog, new CatalogRegistrar.Update(null, books), report, stages);
                });
            } finally {
                reports.add(report);
            }
        }
        return reports;
    }
}
