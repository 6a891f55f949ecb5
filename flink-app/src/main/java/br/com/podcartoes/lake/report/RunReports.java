package br.com.podcartoes.lake.report;

import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/** The run reports of a month in {@code _runs/YYYY-MM/}, read back (JSON lines). */
public final class RunReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReports() {}

    /** Every report of the month, oldest first (by {@code inicio}). */
    public static List<JsonNode> of(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (FileStatus f : LakeFs.list(lake.runsDir(month))) {
            if (!f.isDir() && f.getPath().getName().endsWith(".json")) {
                for (String line : LakeFs.readString(f.getPath()).split("\n")) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(n -> n.path("inicio").asText()));
        return out;
    }

    /** The last run of the month. */
    public static Optional<JsonNode> last(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> all = of(lake, month);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The last successful run of the month that curated it (its counts are the month's counts). */
    public static Optional<JsonNode> lastCurated(LakeLayout lake, YearMonth month) throws IOException {
        List<JsonNode> all = of(lake, month);
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
