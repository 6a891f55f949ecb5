package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.Partitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of a table's current snapshot in some months, planned with Iceberg's API: what the job
 * reads with Flink's vectorized Parquet reader ({@link IcebergTables#view}). {@code rowDeletes} says whether
 * any of them has row-level deletes, which only Iceberg's own reader applies; {@code rows} is their row
 * count, from the manifests.
 *
 * @param snapshotId the snapshot planned, or -1 when the table has none
 */
record SnapshotFiles(long snapshotId, List<String> paths, long rows, boolean rowDeletes) {

    static SnapshotFiles plan(Table table, MonthFilter months) {
        Snapshot current = table == null ? null : table.currentSnapshot();
        if (current == null) {
            return new SnapshotFiles(-1, List.of(), 0, false);
        }
        Set<String> paths = new LinkedHashSet<>();
        long rows = 0;
        boolean deletes = false;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(current.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                if (months.test(Partitions.monthOf(task.file().partition()))) {
                    if (paths.add(task.file().location())) {
                        rows += task.file().recordCount();
                    }
                    deletes |= !task.deletes().isEmpty();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SnapshotFiles(current.snapshotId(), List.copyOf(paths), rows, deletes);
    }
}
