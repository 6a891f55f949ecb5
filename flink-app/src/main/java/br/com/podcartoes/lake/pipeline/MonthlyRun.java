package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.ingest.Headers;
import br.com.podcartoes.lake.ingest.LandingDetector;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RawStore;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.report.RunReport;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * {@code run --month M}: detection, raw, curated (with reconciliation), book, catalog, and the run report,
 * which is written whatever the outcome.
 */
public final class MonthlyRun {
    private final PipelineOptions options;
    private final LakeLayout lake;
    private final CatalogRegistrar catalog;

    public MonthlyRun(PipelineOptions options, CatalogRegistrar catalog) {
        this.options = options;
        this.lake = new LakeLayout(options.lake());
        this.catalog = catalog;
    }

    public RunReport run(YearMonth month) throws Exception {
        RunReport report = new RunReport(options.runId() != null ? options.runId() : RunIds.next(), "run", month);
        String landing = LakeLayout.normalize(options.landing());
        List<Path> files = List.of(
                new Path(landing + "/" + TableContract.FATURAS.monthlyFileName(month)),
                new Path(landing + "/" + TableContract.PAGAMENTOS.monthlyFileName(month)));
        return ReportedRun.execute(options, lake, month, report, stages -> {
            stages.run("deteccao", () -> {
                new LandingDetector(options.detectAttempts(), options.detectInterval()).await(files);
                return files;
            }, f -> "arquivos encontrados em " + landing);
            stages.run("contrato", () -> {
                Headers.check(files);
                return files;
            }, f -> "cabeçalhos conferem");
            Instant arrival = Instant.now();
            List<RawFile> raw = stages.run("raw", () -> {
                List<RawFile> out = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    TableContract t = TableContract.values()[i];
                    out.add(RawStore.store(t, files.get(i), lake.rawDir(t.tableName(), month), arrival));
                }
                return out;
            }, MonthlyRun::describeRaw);
            raw.forEach(report::file);
            List<CuratedInput> inputs = raw.stream()
                    .map(r -> new CuratedInput(r.table(), r.raw(), r.rawName(), RowSelection.monthly(month)))
                    .toList();
            MonthProcessor processor = new MonthProcessor(lake, options.parallelism());
            processor.curate(month, inputs, report, stages);
            List<YearMonth> books = processor.book(month, report, stages, true, false);
            CatalogStep.register(catalog, new CatalogRegistrar.Update(month, books), report, stages);
        });
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
