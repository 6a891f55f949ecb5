package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.report.RunReports;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the reports in {@code _runs/} say each command committed: per run, for every table it changed,
 * the snapshot before and after it ({@code snapshots}); and which runs a rollback already undid. The
 * months of a multi-month command share its run id and its snapshots.
 */
final class RunHistory {
    /** A table's snapshot before the run (null: the table had none) and after it. */
    record Change(Long before, long after) {}

    /** A command that committed to the tables, with its first report's start time and command name. */
    record Run(String runId, String command, String start, Map<LakeTable, Change> changes) {
        boolean isRollback() {
            return command.equals("rollback");
        }
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Map<LakeTable, Map<Long, String>> committedBy = new EnumMap<>(LakeTable.class);
    private final Map<String, String> rolledBack;

    private RunHistory(Map<String, String> rolledBack) {
        this.rolledBack = rolledBack;
    }

    static RunHistory read(LakeLayout lake) throws IOException {
        RunHistory h = new RunHistory(RunReports.rolledBack(lake));
        for (JsonNode r : RunReports.all(lake)) { // oldest first
            JsonNode snapshots = r.path("snapshots");
            if (!snapshots.isObject() || snapshots.isEmpty()) {
                continue;
            }
            String id = r.path("run_id").asText();
            Run run = h.runs.computeIfAbsent(id, k -> new Run(k, r.path("comando").asText(), r.path("inicio").asText(),
                    new EnumMap<>(LakeTable.class)));
            snapshots.fields().forEachRemaining(e -> {
                LakeTable table = LakeTable.byName(e.getKey());
                JsonNode before = e.getValue().path("antes");
                long after = e.getValue().path("depois").asLong();
                run.changes().put(table, new Change(before.isNull() ? null : before.asLong(), after));
                // A rollback's "after" is an older run's snapshot: that run, earlier in the list, keeps it.
                h.committedBy.computeIfAbsent(table, t -> new HashMap<>()).putIfAbsent(after, id);
            });
        }
        return h;
    }

    Optional<Run> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** The run whose commits ended at this snapshot of the table. */
    Optional<Run> committedBy(LakeTable table, long snapshotId) {
        return Optional.ofNullable(committedBy.getOrDefault(table, Map.of()).get(snapshotId)).map(runs::get);
    }

    /** The rollback that undid the run, if one did. */
    Optional<String> rolledBackBy(String runId) {
        return Optional.ofNullable(rolledBack.get(runId));
    }
}
