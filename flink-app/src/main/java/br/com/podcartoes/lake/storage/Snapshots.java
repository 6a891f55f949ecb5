package br.com.podcartoes.lake.storage;

import java.util.EnumMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** The current snapshot of each of the lake's tables: what a run's report records before and after it. */
public final class Snapshots {
    private Snapshots() {}

    /**
     * The snapshots a run started from, kept in {@code file} (in the run's work folder) by its first
     * {@code main}: a main run again after a JobManager failover, under the same run id, finds them there,
     * since by then the recovered job may have committed some tables already, and what the report and a
     * rollback need is the state before the run.
     */
    public static Map<LakeTable, Long> atStart(LakeLayout lake, org.apache.flink.core.fs.Path file) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<LakeTable, Long> out = new EnumMap<>(LakeTable.class);
        if (LakeFs.exists(file)) {
            json.readTree(LakeFs.readString(file)).fields()
                    .forEachRemaining(e -> out.put(LakeTable.valueOf(e.getKey()), e.getValue().asLong()));
            return out;
        }
        out.putAll(current(lake));
        com.fasterxml.jackson.databind.node.ObjectNode n = json.createObjectNode();
        out.forEach((t, id) -> n.put(t.name(), id));
        LakeFs.writeString(file, n.toString());
        return out;
    }

    /** Table → current snapshot id; tables with none (not created, or never written) are left out. */
    public static Map<LakeTable, Long> current(LakeLayout lake) throws Exception {
        Map<LakeTable, Long> out = new EnumMap<>(LakeTable.class);
        if (!lake.catalog().mayHaveTables()) {
            return out;
        }
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            for (LakeTable t : LakeTable.values()) {
                Table table = catalog.tableOrNull(t);
                Snapshot s = table == null ? null : table.currentSnapshot();
                if (s != null) {
                    out.put(t, s.snapshotId());
                }
            }
        }
        return out;
    }

    /**
     * The tables with more than one commit since {@code before} (the snapshots a run started from), with how
     * many: the lake has one writer at a time, so every snapshot between is the run's, and a run commits each
     * table once. Counted along the current snapshot's ancestors.
     */
    public static Map<LakeTable, Integer> repeatedCommits(LakeLayout lake, Map<LakeTable, Long> before) throws Exception {
        Map<LakeTable, Integer> out = new EnumMap<>(LakeTable.class);
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            for (LakeTable t : LakeTable.values()) {
                Table table = catalog.tableOrNull(t);
                Long stop = before.get(t);
                int commits = 0;
                for (Snapshot s = table == null ? null : table.currentSnapshot();
                        s != null && !Long.valueOf(s.snapshotId()).equals(stop);
                        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
                    commits++;
                }
                if (commits > 1) {
                    out.put(t, commits);
                }
            }
        }
        return out;
    }

    /**
     * Puts every table back at its snapshot in {@code before} (a rollback, which adds no snapshot); a table
     * that had none there loses every row (one delete commit). Returns the tables it changed.
     */
    public static java.util.List<LakeTable> rollBack(LakeLayout lake, Map<LakeTable, Long> before) throws Exception {
        java.util.List<LakeTable> changed = new java.util.ArrayList<>();
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            for (LakeTable t : LakeTable.values()) {
                Table table = catalog.tableOrNull(t);
                if (table == null || table.currentSnapshot() == null
                        || Long.valueOf(table.currentSnapshot().snapshotId()).equals(before.get(t))) {
                    continue;
                }
                if (before.containsKey(t)) {
                    table.manageSnapshots().rollbackTo(before.get(t)).commit();
                } else {
                    table.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue()).commit();
                }
                changed.add(t);
            }
        }
        return changed;
    }
}
