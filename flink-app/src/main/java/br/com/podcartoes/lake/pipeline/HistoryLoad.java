package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.contract.CsvRecord;
import br.com.podcartoes.lake.contract.CsvRecordReader;
import br.com.podcartoes.lake.contract.RowValidator;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.contract.Validation;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.ingest.Headers;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RawStore;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.lake.LakeFs;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.report.RunReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;

import java.util.List;
import java.util.TreeSet;
import org.apache.flink.core.fs.Path;

/**
 * {@code load-history}: the initial load of multi-month history files. The files are stored in raw as
 * received; each month found in them is curated in month order (so references see earlier months) with
 * rows routed by their own month, then its book is built. One report per month, plus a summary in
 * {@code _runs/historico/<run_id>.json}.
 */
public final class HistoryLoad {
    private final PipelineOptions options;
    private final LakeLayout lake;
    private final CatalogRegistrar catalog;

    public HistoryLoad(PipelineOptions options, CatalogRegistrar catalog) {
        this.options = options;
        this.lake = new LakeLayout(options.lake());
        this.catalog = catalog;
    }

    public List<RunReport> load(String faturas, String pagamentos) throws Exception {
        String runId = options.runId() != null ? options.runId() : RunIds.next();
        List<Path> files = List.of(new Path(LakeLayout.normalize(faturas)), new Path(LakeLayout.normalize(pagamentos)));
        for (Path f : files) {
            if (!LakeFs.exists(f)) {
                throw new java.io.FileNotFoundException("arquivo de histórico ausente: " + f);
            }
        }
        List<List<String>> headers = Headers.check(files);
        Instant arrival = Instant.now();
        List<RawFile> raw = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            TableContract t = TableContract.values()[i];
            raw.add(RawStore.store(t, files.get(i), lake.rawHistoryDir(t.tableName()), arrival));
        }
        TreeSet<YearMonth> months = new TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            months.addAll(monthsIn(raw.get(i), headers.get(i)));
        }
        if (months.isEmpty()) {
            throw new IllegalArgumentException("nenhuma linha com mês válido nos arquivos de histórico");
        }
        Stages.log().info("load-history: {} meses ({}..{}) em {} e {}", months.size(), months.first(), months.last(),
                raw.get(0).rawName(), raw.get(1).rawName());
        List<RunReport> reports = new ArrayList<>();
        MonthProcessor processor = new MonthProcessor(lake, options.parallelism());
        int done = 0;
        for (YearMonth month : months) {
            Stages.log().info("load-history: mês {} ({}/{}, faltam {})", month, ++done, months.size(),
                    months.size() - done);
            RunReport report = new RunReport(runId, "load-history", month);
            raw.forEach(report::file);
            boolean first = month.equals(months.first());
            List<CuratedInput> inputs = raw.stream()
                    .map(r -> new CuratedInput(r.table(), r.raw(), r.rawName(), RowSelection.history(month, first)))
                    .toList();
            try {
                ReportedRun.execute(options, lake, month, report, stages -> {
                    processor.curate(month, inputs, report, stages);
                    // Later books are rebuilt by this same load, in order: no need to rebuild them here. The
                    // first month's status starts from curated data: an older status in the lake may predate it.
                    List<YearMonth> books = processor.book(month, report, stages, false, first);
                    CatalogStep.register(catalog, new CatalogRegistrar.Update(month, books), report, stages);
                });
            } finally {
                reports.add(report);
                writeSummary(runId, reports);
            }
        }
        return reports;
    }

    /** The months of the rows whose month column parses, read with the contract's own reader. */
    private static TreeSet<YearMonth> monthsIn(RawFile file, List<String> header) throws Exception {
        TreeSet<YearMonth> months = new TreeSet<>();
        RowValidator validator = new RowValidator(file.table(), header, null);
        try (InputStream in = file.raw().getFileSystem().open(file.raw());
                CsvRecordReader reader = new CsvRecordReader(in)) {
            reader.next(); // header
            CsvRecord r;
            while ((r = reader.next()) != null) {
                Validation v = validator.validate(r.fields());
                if (v.month() != null) {
                    months.add(v.month());
                }
            }
        }
        return months;
    }

    private void writeSummary(String runId, List<RunReport> reports) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("run_id", runId);
        root.put("comando", "load-history");
        ArrayNode months = root.putArray("meses");
        reports.forEach(r -> months.add(r.json()));
        root.put("resultado", reports.stream().allMatch(RunReport::succeeded) ? RunReport.SUCCESS : RunReport.FAILURE);
        try {
            LakeFs.writeString(new Path(lake.root() + "/_runs/historico/" + runId + ".json"),
                    json.writeValueAsString(root) + "\n");
        } catch (Exception e) {
            Stages.log().error("não foi possível gravar o resumo do load-history: {}", RunReport.message(e));
        }
    }

}
