package br.com.podcartoes.lake.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A table's line of snapshots as its readers see it (the current snapshot and its ancestors): what was
 * committed on top of a snapshot, and putting a table back at one. What {@code rollback} needs of Iceberg.
 */
public final class SnapshotLineage {
    private SnapshotLineage() {}

    /**
     * The snapshots committed on top of {@code snapshotId} in the table's current line, oldest first
     * (empty when it is the current one); null when it is not in the line: rolled back already, or expired.
     */
    public static List<Snapshot> after(Table table, long snapshotId) {
        List<Snapshot> newer = new ArrayList<>();
        if (table.currentSnapshot() == null) {
            return null;
        }
        for (Snapshot s : SnapshotUtil.currentAncestors(table)) {
            if (s.snapshotId() == snapshotId) {
                Collections.reverse(newer);
                return newer;
            }
            newer.add(s);
        }
        return null;
    }

    /** Whether the table still has the snapshot (maintenance expires old ones). */
    public static boolean exists(Table table, long snapshotId) {
        return table.snapshot(snapshotId) != null;
    }

    /** A compaction ({@code maintain}): the same rows in other files, nothing for a rollback to undo. */
    public static boolean sameRows(Snapshot s) {
        return DataOperations.REPLACE.equals(s.operation());
    }

    /** Whether the table has rows in its current snapshot. */
    public static boolean hasRows(Table table) {
        Snapshot s = table.currentSnapshot();
        return s != null && !"0".equals(s.summary().getOrDefault("total-records", "1"));
    }

    /**
     * Puts the table back at {@code snapshotId}, an ancestor of its current snapshot: the current-snapshot
     * pointer moves, no file is written or deleted. {@code null} (the table had no snapshot then) empties
     * the table with a delete commit: Iceberg cannot take a table back to "no snapshot", and dropping it
     * would lose its history.
     */
    public static void restore(Table table, Long snapshotId) {
        if (snapshotId != null) {
            table.manageSnapshots().rollbackTo(snapshotId).commit();
        } else if (hasRows(table)) {
            table.newDelete().deleteFromRowFilter(Expressions.alwaysTrue()).commit();
        }
    }
}
