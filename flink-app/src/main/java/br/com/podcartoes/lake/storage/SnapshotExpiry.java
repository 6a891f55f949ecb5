package br.com.podcartoes.lake.storage;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Expires a table's old snapshots, and the files only they referenced, without breaking a rollback or a
 * time travel inside the retention window.
 *
 * <p>Iceberg's {@code expireOlderThan(t)} looks at when a snapshot was created, not at how long it stayed
 * current: the snapshot before a run of yesterday may have been created a year ago, and rolling that run
 * back needs it. So the limit is moved back to the oldest snapshot that was the table's current one at
 * any moment of the window (the one current at its start included, from the table's snapshot log): every
 * state the table had inside the window stays readable and restorable.
 */
public final class SnapshotExpiry {
    private SnapshotExpiry() {}

    /** Expires what was never current after {@code windowStart}, keeping at least {@code retainLast} ancestors. */
    public static int expire(Table table, Instant windowStart, int retainLast) {
        if (table.currentSnapshot() == null) {
            return 0;
        }
        long keepFrom = keepFrom(table, windowStart.toEpochMilli());
        int before = count(table);
        table.expireSnapshots().expireOlderThan(keepFrom).retainLast(retainLast).commit();
        table.refresh();
        return before - count(table);
    }

    /** The creation time of the oldest snapshot that was current at some moment since {@code start}. */
    static long keepFrom(Table table, long start) {
        Set<Long> currentInWindow = new HashSet<>();
        Long atStart = SnapshotUtil.nullableSnapshotIdAsOfTime(table, start);
        if (atStart != null) {
            currentInWindow.add(atStart);
        }
        for (HistoryEntry e : table.history()) {
            if (e.timestampMillis() >= start) {
                currentInWindow.add(e.snapshotId());
            }
        }
        currentInWindow.add(table.currentSnapshot().snapshotId());
        long keepFrom = start;
        for (long id : currentInWindow) {
            Snapshot s = table.snapshot(id);
            if (s != null) {
                keepFrom = Math.min(keepFrom, s.timestampMillis());
            }
        }
        return keepFrom;
    }

    private static int count(Table table) {
        int n = 0;
        for (Snapshot ignored : table.snapshots()) {
            n++;
        }
        return n;
    }
}
