package br.com.podcartoes.lake.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Rewrites the small files of each month of a table into as few files as the target size allows, in one
 * {@code replace} commit per table (the same rows: readers and rollback see no change). Each run's writer
 * tasks leave a file per month each, and a month is read whole, so a month in one file reads faster.
 *
 * <p>In this JVM with Iceberg's generic reader and writer, not with Iceberg's Flink action: that action
 * submits a Flink job per table, and a command runs at most one job (Managed Flink allows one); a month
 * of one table is small enough to rewrite here.
 */
public final class Compaction {
    /** A month with a file of this size is left alone, and a rewritten file is closed once it reaches it. */
    public static final long TARGET_FILE_BYTES = 128L << 20;

    /** Files rewritten and written. */
    public record Result(int filesBefore, int filesAfter, int months) {
        static final Result NONE = new Result(0, 0, 0);
    }

    private Compaction() {}

    public static Result compact(Table table) throws IOException {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Result.NONE;
        }
        Map<String, List<FileScanTask>> byMonth = new LinkedHashMap<>();
        Set<String> skipped = new HashSet<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(current.snapshotId()).planFiles()) {
            for (FileScanTask t : tasks) {
                String key = table.spec().partitionToPath(t.file().partition());
                // Left alone: a month with delete files (they would have to be applied and dropped too) or with a
                // file already at the target size (the rewrite reads the whole month).
                if (!t.deletes().isEmpty() || t.file().fileSizeInBytes() >= TARGET_FILE_BYTES) {
                    skipped.add(key);
                }
                byMonth.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        Set<DataFile> removed = new HashSet<>();
        Set<DataFile> added = new HashSet<>();
        int months = 0;
        OutputFileFactory files = OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
                .format(FileFormat.PARQUET).operationId("compactacao").build();
        GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec())
                .setAll(table.properties());
        for (var e : byMonth.entrySet()) {
            if (e.getValue().size() < 2 || skipped.contains(e.getKey())) {
                continue;
            }
            StructLike partition = e.getValue().get(0).file().partition();
            added.addAll(rewrite(table, current, partition, files, appenders));
            e.getValue().forEach(t -> removed.add(t.file()));
            months++;
        }
        if (removed.isEmpty()) {
            return Result.NONE;
        }
        // Fails, writing nothing visible, if a run committed meanwhile (the lake lock keeps runs out anyway).
        table.newRewrite().validateFromSnapshot(current.snapshotId()).rewriteFiles(removed, added).commit();
        return new Result(removed.size(), added.size(), months);
    }

    /** The month's rows written anew. */
    private static List<DataFile> rewrite(Table table, Snapshot current, StructLike partition, OutputFileFactory files,
            GenericAppenderFactory appenders) {
        List<DataFile> out = new ArrayList<>();
        DataWriter<Record> writer = null;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).useSnapshot(current.snapshotId())
                .where(filter(table, partition)).build()) {
            for (Record r : rows) {
                if (writer == null) {
                    writer = appenders.newDataWriter(files.newOutputFile(table.spec(), partition), FileFormat.PARQUET,
                            partition);
                }
                writer.write(r);
                if (writer.length() >= TARGET_FILE_BYTES) {
                    writer.close();
                    out.add(writer.toDataFile());
                    writer = null;
                }
            }
            if (writer != null) {
                writer.close();
                out.add(writer.toDataFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The rows of one partition: its identity columns equal to the partition's values. */
    private static Expression filter(Table table, StructLike partition) {
        Expression e = Expressions.alwaysTrue();
        List<PartitionField> fields = table.spec().fields();
        for (int i = 0; i < fields.size(); i++) {
            String column = table.schema().findColumnName(fields.get(i).sourceId());
            e = Expressions.and(e, Expressions.equal(column, partition.get(i, Object.class)));
        }
        return e;
    }
}
