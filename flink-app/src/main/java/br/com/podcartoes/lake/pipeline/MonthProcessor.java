package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookJob;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.curated.CuratedJob;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.lake.LakeTables;
import br.com.podcartoes.lake.lake.PartitionedTables;
import br.com.podcartoes.lake.report.RunReport;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every way of processing a month shares once its files are in raw: the curated stage with its
 * reconciliation, then the book of the month and of every later month whose book already exists (their
 * windows include this month, so a re-delivery must reach them).
 */
public final class MonthProcessor {
    private final LakeLayout lake;
    private final int parallelism;

    public MonthProcessor(LakeLayout lake, int parallelism) {
        this.lake = lake;
        this.parallelism = parallelism;
    }

    public void curate(YearMonth month, List<CuratedInput> inputs, RunReport report, Stages stages) throws Exception {
        Map<TableContract, TableCounts> counts = stages.run("curated",
                () -> new CuratedJob(lake, parallelism).run(month, report.runId(), inputs),
                MonthProcessor::describe);
        for (CuratedInput input : inputs) {
            String n = input.table().tableName();
            report.counts(n, counts.get(input.table()));
            report.output("curated_" + n, lake.partitionDir(lake.curatedTable(n), month).toString());
            report.output(LakeTables.quarantineName(input.table()),
                    lake.partitionDir(lake.quarantineTable(n), month).toString());
        }
        List<String> broken = counts.entrySet().stream().filter(e -> !e.getValue().reconciles())
                .map(e -> e.getKey().tableName() + " " + e.getValue()).toList();
        if (!broken.isEmpty()) {
            throw new ReconciliationException("reconciliação falhou (lidas != curadas + quarentena + duplicadas): "
                    + String.join("; ", broken));
        }
    }

    /**
     * Builds the status and book of the month (returning every book month written); with
     * {@code rebuildLater}, also rebuilds, in order, the later months whose book exists and whose 12-month
     * window includes this month (each one's status starts from the one rebuilt before it). With
     * {@code fromScratch} the month's status is rebuilt from curated data instead of from last month's.
     */
    public List<YearMonth> book(YearMonth month, RunReport report, Stages stages, boolean rebuildLater,
            boolean fromScratch) throws Exception {
        BookJob job = new BookJob(lake, parallelism);
        BookJob.Result result = stages.run("book", () -> job.run(month, report.runId(), fromScratch),
                MonthProcessor::describe);
        List<YearMonth> later = !rebuildLater ? List.<YearMonth>of()
                : PartitionedTables.existingMonths(lake.bookTable()).stream()
                        .filter(m -> m.isAfter(month) && !m.isAfter(month.plusMonths(11))).toList();
        List<YearMonth> rebuilt = new ArrayList<>();
        for (YearMonth m : later) {
            stages.run("book " + m, () -> job.run(m, report.runId(), false),
                    r -> "reconstruído (janela inclui " + month + ") " + describe(r));
            rebuilt.add(m);
        }
        report.book(result.bookRows(), rebuilt);
        report.output(LakeLayout.BOOK_TABLE, lake.partitionDir(lake.bookTable(), month).toString());
        List<YearMonth> written = new ArrayList<>(List.of(month));
        written.addAll(rebuilt);
        return written;
    }

    static String describe(BookJob.Result r) {
        return "book_fatura linhas=" + r.bookRows() + " | estado_fatura linhas=" + r.statusRows() + " ("
                + (r.incremental() ? "incremental: estado do mês anterior + o mês" : "completo: 12 meses do curated")
                + ")";
    }

    static String describe(Map<TableContract, TableCounts> counts) {
        return counts.entrySet().stream().map(e -> {
            TableCounts c = e.getValue();
            return e.getKey().tableName() + ": lidas=" + c.lidas() + " curadas=" + c.curadas() + " quarentena="
                    + c.quarentena() + " duplicadas=" + c.duplicadas();
        }).collect(Collectors.joining(" | "));
    }
}
