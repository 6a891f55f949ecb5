package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backfill --from --to}: rebuilds the statuses and books of those months from curated data, in one
 * Flink job (the first month's status from 12 months of curated data, each later one from it). One report
 * per month.
 */
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
        Map<YearMonth, RunReport> reports = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            reports.put(m, new RunReport(runId, "backfill", m));
        }
        List<YearMonth> months = new ArrayList<>(reports.keySet());
        List<RunReport> all = new ArrayList<>(reports.values());
        ReportedRun.execute(options, lake, all, stages -> {
            new CommandJob(lake, options.parallelism(), options.alertQuarantinePct(), runId, reports).run(null,
                    new BookPlan.Batch(months, null, List.of()), stages);
            CatalogStep.register(catalog, new CatalogRegistrar.Update(List.of(), months), all, stages);
        });
        return all;
    }
}
