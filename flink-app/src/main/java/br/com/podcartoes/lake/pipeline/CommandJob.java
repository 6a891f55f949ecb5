package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.engine.Plan;
import br.com.podcartoes.lake.quality.QualityPlan;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.Leftovers;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.Path;

/**
 * The command's one Flink job and what follows from its counts: the curated stage (when the command
 * curates) and the book stage in one plan, executed once; then the partitions left empty are emptied,
 * each month's counts reconciled and recorded in its report.
 */
final class CommandJob {
    private final LakeLayout lake;
    private final int parallelism;
    private final double alertQuarantinePct;
    private final String runId;
    private final Map<YearMonth, RunReport> reports;

    CommandJob(LakeLayout lake, int parallelism, double alertQuarantinePct, String runId,
            Map<YearMonth, RunReport> reports) {
        this.lake = lake;
        this.parallelism = parallelism;
        this.alertQuarantinePct = alertQuarantinePct;
        this.runId = runId;
        this.reports = reports;
    }

    /** Runs the job; {@code curated} is null for a command that only rebuilds books. */
    void run(CuratedPlan.Batch curated, BookPlan.Batch book, Stages stages) throws Exception {
        YearMonth first = book.months().get(0);
        Plan.Outcome outcome = stages.run("job", () -> {
            List<Path> leftovers = Leftovers.clean(lake);
            if (!leftovers.isEmpty()) {
                Stages.log().warn("restos de uma execução interrompida removidos (nenhum dado commitado): {}",
                        leftovers);
            }
            Plan plan = new Plan(parallelism, lake.workDir(first, runId));
            if (curated != null) {
                new CuratedPlan(lake).add(plan, curated);
            }
            new BookPlan(lake).add(plan, book);
            new QualityPlan(lake).add(plan, curated, book);
            return plan.execute(describe(curated, book), id -> reports.values().forEach(r -> r.job(id)));
        }, o -> "job Flink " + o.jobId() + ": " + describe(curated, book));

        Map<YearMonth, Map<TableContract, TableCounts>> curatedCounts = Map.of();
        if (curated != null) {
            Map<YearMonth, Map<TableContract, TableCounts>> counts = stages.run("curated", () -> {
                Map<YearMonth, Map<TableContract, TableCounts>> c = CuratedPlan.counts(outcome.stats(), curated);
                new CuratedPlan(lake).clearEmpty(c);
                return c;
            }, CommandJob::describeCounts);
            record(counts);
            stages.run("reconciliacao", () -> reconcile(counts), Function.identity());
            curatedCounts = counts;
        }
        Map<YearMonth, BookPlan.Rows> rows = stages.run("book", () -> {
            Map<YearMonth, BookPlan.Rows> r = BookPlan.rows(outcome.stats(), book);
            new BookPlan(lake).clearEmpty(r);
            return r;
        }, r -> describeRows(r, book));
        recordBooks(rows, book);
        Map<YearMonth, Map<TableContract, TableCounts>> counted = curatedCounts;
        stages.run("qualidade", () -> QualityStep.record(lake, reports, counted, alertQuarantinePct),
                Function.identity());
    }

    private void record(Map<YearMonth, Map<TableContract, TableCounts>> counts) {
        counts.forEach((month, tables) -> {
            RunReport report = reports.get(month);
            tables.forEach((t, c) -> {
                String n = t.tableName();
                report.counts(n, c);
                report.output("curated_" + n, lake.partitionDir(lake.curatedTable(n), month).toString());
                report.output(LakeTables.quarantineName(t), lake.partitionDir(lake.quarantineTable(n), month).toString());
            });
        });
    }

    /**
     * Each report gets its month's book rows. A run's report also names the later books it rebuilt (their
     * windows include the month): those months have no report of their own.
     */
    private void recordBooks(Map<YearMonth, BookPlan.Rows> rows, BookPlan.Batch book) {
        for (var e : reports.entrySet()) {
            YearMonth month = e.getKey();
            List<YearMonth> rebuilt = book.months().stream().filter(m -> m.isAfter(month) && !reports.containsKey(m))
                    .toList();
            e.getValue().book(rows.get(month).book(), rebuilt);
            e.getValue().output(LakeLayout.BOOK_TABLE, lake.partitionDir(lake.bookTable(), month).toString());
        }
    }

    private static String reconcile(Map<YearMonth, Map<TableContract, TableCounts>> counts)
            throws ReconciliationException {
        List<String> broken = counts.entrySet().stream()
                .flatMap(m -> m.getValue().entrySet().stream().filter(e -> !e.getValue().reconciles())
                        .map(e -> m.getKey() + " " + e.getKey().tableName() + " " + e.getValue()))
                .toList();
        if (!broken.isEmpty()) {
            throw new ReconciliationException("reconciliação falhou (lidas != curadas + quarentena + duplicadas): "
                    + String.join("; ", broken));
        }
        return "lidas = curadas + quarentena + duplicadas em " + counts.size() + (counts.size() == 1 ? " mês" : " meses");
    }

    private static String describe(CuratedPlan.Batch curated, BookPlan.Batch book) {
        String books = "book " + months(book.months()) + (book.base() == null
                ? " (estado refeito de 12 meses do curated)" : " (a partir do estado de " + book.base() + ")");
        return curated == null ? books : "curated " + months(curated.months()) + " + " + books;
    }

    private static String months(List<YearMonth> months) {
        return months.size() <= 3 ? months.stream().map(YearMonth::toString).collect(Collectors.joining(","))
                : months.get(0) + ".." + months.get(months.size() - 1) + " (" + months.size() + " meses)";
    }

    static String describeCounts(Map<YearMonth, Map<TableContract, TableCounts>> counts) {
        return counts.entrySet().stream().map(m -> (counts.size() > 1 ? m.getKey() + " " : "")
                + m.getValue().entrySet().stream().map(e -> {
                    TableCounts c = e.getValue();
                    return e.getKey().tableName() + ": lidas=" + c.lidas() + " curadas=" + c.curadas() + " quarentena="
                            + c.quarentena() + " duplicadas=" + c.duplicadas();
                }).collect(Collectors.joining(" | "))).collect(Collectors.joining("\n    "));
    }

    private static String describeRows(Map<YearMonth, BookPlan.Rows> rows, BookPlan.Batch book) {
        return rows.entrySet().stream().map(e -> (rows.size() > 1 ? e.getKey() + " " : "") + "book_fatura linhas="
                + e.getValue().book() + " | estado_fatura linhas=" + e.getValue().status())
                .collect(Collectors.joining("\n    "));
    }
}
