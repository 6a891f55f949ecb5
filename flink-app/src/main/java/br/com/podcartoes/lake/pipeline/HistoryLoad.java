package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.contract.CsvRecord;
import br.com.podcartoes.lake.contract.CsvRecordReader;
import br.com.podcartoes.lake.contract.RowValidator;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.contract.Validation;
import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.ingest.Headers;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RawStore;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import br.com.podcartoes.lake.report.RunReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.core.fs.Path;

/**
 * {@code load-history}: the initial load of multi-month history files. The files are stored in raw as
 * received; then one Flink job curates every month found in them (rows routed by their own month, with
 * the same results as curating the months one after the other) and builds each month's book. One report
 * per month, plus a summary in {@code _runs/historico/<run_id>.json}.
 */
public final class HistoryLoad {
    private final PipelineOptions options;
    private final LakeLayout lake;

    public HistoryLoad(PipelineOptions options) {
        this.options = options;
        this.lake = LakeLayout.of(options);
    }

    public List<RunReport> load(String faturas, String pagamentos) throws Exception {
        String runId = options.runId() != null ? options.runId() : RunIds.next();
        // From the raw copy on, which comes before the job's reports.
        try (LakeLock lock = LakeLock.acquire(lake, runId, "load-history")) {
            return load(runId, faturas, pagamentos);
        }
    }

    private List<RunReport> load(String runId, String faturas, String pagamentos) throws Exception {
        Map<TableContract, Path> files = new EnumMap<>(Map.of(
                TableContract.FATURAS, new Path(LakeLayout.normalize(faturas)),
                TableContract.PAGAMENTOS, new Path(LakeLayout.normalize(pagamentos))));
        for (Path f : files.values()) {
            if (!LakeFs.exists(f)) {
                throw new java.io.FileNotFoundException("arquivo de histórico ausente: " + f);
            }
        }
        Map<TableContract, List<String>> headers = Headers.check(files);
        Instant arrival = Instant.now();
        List<RawFile> raw = new ArrayList<>();
        for (var f : files.entrySet()) {
            raw.add(RawStore.store(f.getKey(), f.getValue(), lake.rawHistoryDir(f.getKey().tableName()), arrival,
                    options.splitSize()));
        }
        TreeSet<YearMonth> months = new TreeSet<>();
        for (RawFile r : raw) {
            months.addAll(monthsIn(r, headers.get(r.table())));
        }
        if (months.isEmpty()) {
            throw new IllegalArgumentException("nenhuma linha com mês válido nos arquivos de histórico");
        }
        Stages.log().info("load-history: {} meses ({}..{}) em {} e {}, num só job Flink", months.size(),
                months.first(), months.last(), raw.get(0).rawName(), raw.get(1).rawName());
        Map<YearMonth, RunReport> reports = new LinkedHashMap<>();
        for (YearMonth month : months) {
            RunReport report = new RunReport(runId, "load-history", month);
            raw.forEach(report::file);
            reports.put(month, report);
        }
        List<YearMonth> monthList = List.copyOf(months);
        List<RunReport> all = new ArrayList<>(reports.values());
        List<CuratedInput> inputs = new ArrayList<>();
        for (RawFile r : raw) {
            inputs.add(CuratedInput.of(r, RowSelection.history(months.first()), headers.get(r.table())));
        }
        try {
            // Every month is curated and its book built in one plan. The first month's status starts from
            // curated data (an older status in the lake may predate the history); each later one from it.
            ReportedRun.executeHolding(options, lake, all, stages -> {
                new CommandJob(lake, options.parallelism(), runId, reports, options.maxQuarantinePct(),
                        options.alertQuarantinePct()).run(
                        new CuratedPlan.Batch(monthList, runId, inputs),
                        new BookPlan.Batch(monthList, null, monthList), stages);
            });
        } finally {
            writeSummary(runId, all);
        }
        return all;
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
                Validation v = validator.validate(r);
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
