package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.engine.Plan;
import br.com.podcartoes.lake.engine.RecoveredJob;
import br.com.podcartoes.lake.quality.QualityPlan;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.Snapshots;
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
    private final String runId;
    private final Map<YearMonth, RunReport> reports;
    private final double alertQuarantinePct;
    private final double maxQuarantinePct;

    CommandJob(LakeLayout lake, int parallelism, String runId, Map<YearMonth, RunReport> reports,
            double maxQuarantinePct, double alertQuarantinePct) {
        this.lake = lake;
        this.parallelism = parallelism;
        this.alertQuarantinePct = alertQuarantinePct;
        this.runId = runId;
        this.reports = reports;
        this.maxQuarantinePct = maxQuarantinePct;
    }

    /** Runs the job; {@code curated} is null for a command that only rebuilds books. */
    void run(CuratedPlan.Batch curated, BookPlan.Batch book, Stages stages) throws Exception {
        // The job's commits update the catalog themselves: the report says which one they went to.
        reports.values().forEach(r -> r.put("catalogo", lake.catalog().kind()));
        // Before the run's own work folder gets its first file (the snapshots it starts from).
        if (RecoveredJob.running(RecoveredJob.environment())) {
            Stages.log().warn("job recuperado após failover do JobManager: as pastas de staging e de trabalho são dele"
                    + " e ficam");
        } else {
            List<Path> leftovers = Leftovers.clean(lake);
            if (!leftovers.isEmpty()) {
                Stages.log().warn("restos de uma execução interrompida removidos (nenhum dado commitado): {}", leftovers);
            }
        }
        Map<LakeTable, Long> before = Snapshots.atStart(lake,
                new Path(lake.workDir(book.months().get(0), runId), "snapshots-antes.json"));
        try {
            commit(curated, book, stages, before);
        } finally {
            // Also when a stage after the job fails: its commits are in the tables, and rollback finds them here.
            recordSnapshots(before);
        }
    }

    /** The job and the commits that follow it (empty months deleted), with the stages that check them. */
    private void commit(CuratedPlan.Batch curated, BookPlan.Batch book, Stages stages, Map<LakeTable, Long> before)
            throws Exception {
        YearMonth first = book.months().get(0);
        Plan.Outcome outcome = stages.run("job", () -> {
            Plan plan = new Plan(parallelism, lake.workDir(first, runId));
            if (curated != null) {
                new CuratedPlan(lake).add(plan, curated);
            }
            new BookPlan(lake).add(plan, book);
            new QualityPlan(lake).add(plan, curated, book);
            Plan.Outcome o = plan.execute(describe(curated, book), id -> reports.values().forEach(r -> r.job(id)));
            refuseRepeatedCommits(before);
            return o;
        }, o -> "job Flink " + o.jobId() + ": " + describe(curated, book));

        Map<YearMonth, Map<TableContract, TableCounts>> counts = null;
        if (curated != null) {
            counts = stages.run("curated", () -> {
                Map<YearMonth, Map<TableContract, TableCounts>> c = CuratedPlan.counts(outcome.stats(), curated);
                new CuratedPlan(lake).clearEmpty(c);
                return c;
            }, CommandJob::describeCounts);
            record(counts);
            var reconciled = counts;
            stages.run("reconciliacao", () -> reconcile(reconciled, curated.inputs()), Function.identity());
        }
        Map<YearMonth, BookPlan.Rows> rows = stages.run("book", () -> {
            Map<YearMonth, BookPlan.Rows> r = BookPlan.rows(outcome.stats(), book);
            new BookPlan(lake).clearEmpty(r);
            return r;
        }, r -> describeRows(r, book));
        recordBooks(rows, book);
        // Drift and alerts never fail the run: recorded before the gate, which may.
        Map<YearMonth, Map<TableContract, TableCounts>> counted = counts == null ? Map.of() : counts;
        stages.run("metricas", () -> QualityStep.record(lake, reports, counted, alertQuarantinePct),
                Function.identity());
        if (counts != null) {
            // After the book stage, so that every partition the job wrote is final and named in the report.
            var gated = counts;
            stages.run("qualidade", () -> QualityGate.check(gated, maxQuarantinePct), Function.identity());
        }
    }

    /**
     * A job recovered after a JobManager failover runs again from its first task (a batch job restarts from
     * scratch unless the cluster has {@code execution.batch.job-recovery.enabled}), and Iceberg's Flink
     * committer commits at the end of its input without asking the table whether this job already did
     * ({@code IcebergFilesCommitter.endInput}, Iceberg 1.11): a table committed before the failover is
     * committed a second time. The rows are the same (a partition overwrite of the same result), but the run
     * is no longer one commit per table, which the reports, rollback and time travel rely on. So the run fails
     * with every table back where it started (rollbacks add no snapshot), and a re-run of the month is clean.
     */
    private void refuseRepeatedCommits(Map<LakeTable, Long> before) throws Exception {
        Map<LakeTable, Integer> repeated = Snapshots.repeatedCommits(lake, before);
        if (repeated.isEmpty()) {
            return;
        }
        List<LakeTable> restored = Snapshots.rollBack(lake, before);
        throw new IllegalStateException("commit repetido (job refeito após failover do JobManager): " + repeated
                + "; tabelas de volta aos snapshots de antes da execução: " + restored + "; execute o mês de novo");
    }

    private void recordSnapshots(Map<LakeTable, Long> before) {
        try {
            Map<String, Long> was = names(before);
            Map<String, Long> now = names(Snapshots.current(lake));
            reports.values().forEach(r -> r.snapshots(was, now));
        } catch (Exception e) {
            Stages.log().error("não foi possível ler os snapshots depois da execução: {}", RunReport.message(e));
        }
    }

    private static Map<String, Long> names(Map<LakeTable, Long> snapshots) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        snapshots.forEach((t, id) -> out.put(t.tableName(), id));
        return out;
    }

    /** Where a month of a table is: the table's name in the catalog and the partition. */
    private String location(LakeTable table, YearMonth month) {
        return lake.catalog().database() + "." + table.tableName() + " " + LakeLayout.partition(month);
    }

    private void record(Map<YearMonth, Map<TableContract, TableCounts>> counts) {
        counts.forEach((month, tables) -> {
            RunReport report = reports.get(month);
            tables.forEach((t, c) -> {
                String n = t.tableName();
                report.counts(n, c);
                report.output("curated_" + n, location(LakeTable.curated(t), month));
                report.output(LakeTables.quarantineName(t), location(LakeTable.quarantine(t), month));
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
            e.getValue().output(LakeLayout.BOOK_TABLE, location(LakeTable.BOOK_FATURA, month));
        }
    }

    static String reconcile(Map<YearMonth, Map<TableContract, TableCounts>> counts, List<CuratedInput> inputs)
            throws ReconciliationException {
        List<String> broken = new java.util.ArrayList<>(counts.entrySet().stream()
                .flatMap(m -> m.getValue().entrySet().stream().filter(e -> !e.getValue().reconciles())
                        .map(e -> m.getKey() + " " + e.getKey().tableName() + " " + e.getValue()))
                .toList());
        // lidas, summed over the months a file feeds, against the file's data lines counted in raw.
        for (CuratedInput input : inputs) {
            long read = counts.values().stream().mapToLong(t -> t.get(input.table()).lidas()).sum();
            if (read != input.records()) {
                broken.add(input.fileName() + ": lidas=" + read + " mas o arquivo tem " + input.records()
                        + " linhas de dados");
            }
        }
        if (!broken.isEmpty()) {
            throw new ReconciliationException("reconciliação falhou (linhas do arquivo = lidas = curadas + quarentena"
                    + " + duplicadas): " + String.join("; ", broken));
        }
        return "linhas do arquivo = lidas = curadas + quarentena + duplicadas em " + counts.size()
                + (counts.size() == 1 ? " mês" : " meses");
    }

    private static String describe(CuratedPlan.Batch curated, BookPlan.Batch book) {
        String books = "book " + months(book.months()) + (book.base() == null
                ? " (estado refeito de 12 meses do curated)" : " (a partir do estado de " + book.base() + ")");
        if (curated == null) {
            return books;
        }
        String parts = curated.inputs().stream().map(i -> i.fileName() + " em " + i.plan().parts()
                + (i.plan().parts() == 1 ? " parte" : " partes")).collect(Collectors.joining(", "));
        return "curated " + months(curated.months()) + " (" + parts + ") + " + books;
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
