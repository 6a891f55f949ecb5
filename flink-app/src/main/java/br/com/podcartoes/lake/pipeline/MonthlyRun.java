package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.ingest.Headers;
import br.com.podcartoes.lake.ingest.LandingDetector;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RawStore;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.Partitions;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.Path;

/**
 * {@code run --month M}: detection, the header check and the raw copy (plain file operations), then one
 * Flink job that curates M and writes its status and book — and, when M is a re-delivery, the status and
 * book of every later month whose book exists and whose 12-month window includes M — then
 * reconciliation and the run report, which is written whatever the outcome. Each table's commit updates
 * its catalog (local, JDBC or Glue): there is no catalog stage.
 */
public final class MonthlyRun {
    private final PipelineOptions options;
    private final LakeLayout lake;

    public MonthlyRun(PipelineOptions options) {
        this.options = options;
        this.lake = LakeLayout.of(options);
    }

    public RunReport run(YearMonth month) throws Exception {
        RunReport report = new RunReport(options.runId() != null ? options.runId() : RecoveredRun.runId(lake), "run", month);
        String landing = LakeLayout.normalize(options.landing());
        Map<TableContract, Path> files = new EnumMap<>(TableContract.class);
        for (TableContract t : TableContract.values()) {
            files.put(t, new Path(landing + "/" + t.monthlyFileName(month)));
        }
        ReportedRun.execute(options, lake, List.of(report), stages -> {
            stages.run("deteccao", () -> {
                new LandingDetector(options.detectAttempts(), options.detectInterval()).await(List.copyOf(files.values()));
                return files;
            }, f -> "arquivos encontrados em " + landing);
            Map<TableContract, List<String>> headers = stages.run("contrato", () -> Headers.check(files),
                    h -> "cabeçalhos conferem");
            Instant arrival = Instant.now();
            List<RawFile> raw = stages.run("raw", () -> {
                List<RawFile> out = new ArrayList<>();
                for (var f : files.entrySet()) {
                    TableContract t = f.getKey();
                    out.add(RawStore.store(t, f.getValue(), lake.rawDir(t.tableName(), month), arrival,
                            options.splitSize()));
                }
                return out;
            }, MonthlyRun::describeRaw);
            raw.forEach(report::file);
            List<CuratedInput> inputs = new ArrayList<>();
            for (RawFile r : raw) {
                inputs.add(CuratedInput.of(r, RowSelection.monthly(month), headers.get(r.table())));
            }
            YearMonth previous = month.minusMonths(1);
            YearMonth base = Partitions.existingMonths(lake, LakeTable.ESTADO_FATURA).contains(previous) ? previous : null;
            List<YearMonth> books = new ArrayList<>(List.of(month));
            books.addAll(Partitions.existingMonths(lake, LakeTable.BOOK_FATURA).stream()
                    .filter(m -> m.isAfter(month) && !m.isAfter(month.plusMonths(Window.longest() - 1L))).toList());
            new CommandJob(lake, options.parallelism(), report.runId(), Map.of(month, report),
                    options.maxQuarantinePct(), options.alertQuarantinePct()).run(
                    new CuratedPlan.Batch(List.of(month), report.runId(), inputs),
                    new BookPlan.Batch(books, base, List.of(month)), stages);
        });
        return report;
    }

    static String describeRaw(List<RawFile> raw) {
        StringBuilder sb = new StringBuilder();
        for (RawFile r : raw) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(r.rawName()).append(' ').append(r.sizeBytes()).append(" B sha256=")
                    .append(r.sha256(), 0, 12).append(r.redelivery() ? " (reentrega: guardada ao lado da anterior)" : "");
        }
        return sb.toString();
    }
}
