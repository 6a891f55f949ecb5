package br.com.podcartoes.lake.report;

import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/** The run reports of a month in {@code _runs/YYYY-MM/}, read back (JSON lines). */
public final class RunReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReports() {}

    /** Where {@code rollback} writes its reports: {@code _runs/rollback/}. */
    public static final String ROLLBACK = "rollback";

    /** Every report of the month, oldest first (by {@code inicio}). */
    public static List<JsonNode> of(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> out = read(lake.runsDir(month));
        out.sort(Comparator.comparing(n -> n.path("inicio").asText()));
        return out;
    }

    /** The month's reports without the runs a rollback undid: their data is no longer in the tables. */
    private static List<JsonNode> standing(LakeLayout lake, YearMonth month) throws IOException {
        Map<String, String> undone = rolledBack(lake);
        return of(lake, month).stream().filter(r -> !undone.containsKey(r.path("run_id").asText())).toList();
    }

    /** The reports (JSON lines) of the files directly in a folder. */
    private static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (FileStatus f : LakeFs.list(dir)) {
            if (!f.isDir() && f.getPath().getName().endsWith(".json")) {
                for (String line : LakeFs.readString(f.getPath()).split("\n")) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every report under {@code _runs/}: the months', the history loads' summaries and the reports of
     * rollback and maintain, oldest first.
     */
    public static List<JsonNode> all(LakeLayout lake) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (FileStatus dir : LakeFs.list(lake.runsRoot())) {
            if (dir.isDir()) {
                out.addAll(read(dir.getPath()));
            }
        }
        out.sort(Comparator.comparing(n -> n.path("inicio").asText()));
        return out;
    }

    /** Run id → the rollback that undid it, from the successful reports in {@code _runs/rollback/}. */
    public static Map<String, String> rolledBack(LakeLayout lake) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (JsonNode r : read(lake.runsDir(ROLLBACK))) {
            if (RunReport.SUCCESS.equals(r.path("resultado").asText())) {
                r.path("execucoes_desfeitas").forEach(id -> out.put(id.asText(), r.path("run_id").asText()));
            }
        }
        return out;
    }

    /** The last run of the month that was not rolled back. */
    public static Optional<JsonNode> last(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> all = standing(lake, month);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The last successful run of the month that curated it and was not rolled back (its counts are the
     * month's counts).
     */
    public static Optional<JsonNode> lastCurated(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> all = standing(lake, month);
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonNode r = all.get(i);
            if (RunReport.SUCCESS.equals(r.path("resultado").asText()) && r.path("tabelas").size() > 0) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Where a report's page goes: beside its JSON. */
    public static Path pagePath(LakeLayout lake, YearMonth month, String runId) {
        return new Path(lake.runsDir(month), runId + ".html");
    }
}
