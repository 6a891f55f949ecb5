package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.storage.Partitions;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code backfill --from --to}: rebuilds the statuses and books of those months from curated data, in one
 * Flink job (the first month's status from 12 months of curated data, each later one from it). One report
 * per month.
 */
public final class Backfill {
    private final PipelineOptions options;
    private final LakeLayout lake;

    public Backfill(PipelineOptions options) {
        this.options = options;
        this.lake = LakeLayout.of(options);
    }

    public List<RunReport> run(YearMonth from, YearMonth to) throws Exception {
        requireCuratedData(from, to);
        String runId = options.runId() != null ? options.runId() : RunIds.next();
        Map<YearMonth, RunReport> reports = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            reports.put(m, new RunReport(runId, "backfill", m));
        }
        List<YearMonth> months = new ArrayList<>(reports.keySet());
        List<RunReport> all = new ArrayList<>(reports.values());
        ReportedRun.execute(options, lake, all, stages -> {
            new CommandJob(lake, options.parallelism(), runId, reports, 100, options.alertQuarantinePct()).run(null,
                    new BookPlan.Batch(months, null, List.of()), stages);
        });
        return all;
    }

    /**
     * A month with no curated data has nothing to rebuild from: the book would come out empty and the
     * run would still say SUCESSO. Checked before anything is written (no report, no job).
     */
    private void requireCuratedData(YearMonth from, YearMonth to) throws IOException {
        Set<YearMonth> curated = new TreeSet<>();
        for (TableContract t : TableContract.values()) {
            curated.addAll(Partitions.existingMonths(lake, LakeTable.curated(t)));
        }
        List<String> missing = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            if (!curated.contains(m)) {
                missing.add(m.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new NoCuratedDataException("backfill: sem dados curados em " + String.join(", ", missing)
                    + " (rode run ou load-history desses meses antes)");
        }
    }

    /** The months asked for have no curated data: the command fails (exit 1) without writing anything. */
    public static final class NoCuratedDataException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoCuratedDataException(String message) {
            super(message);
        }
    }
}
