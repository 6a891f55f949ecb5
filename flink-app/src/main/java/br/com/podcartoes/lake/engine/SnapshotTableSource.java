package br.com.podcartoes.lake.engine;

import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetColumnarRowInputFormat;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsStatisticReport;
import org.apache.flink.table.plan.stats.TableStats;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * Flink's vectorized Parquet reader over a fixed list of data files, reading only the columns of
 * {@code type}, and reporting their row count to the planner: with it the planner picks join sides and
 * strategies from real sizes, as it did over the Parquet folders before the tables were Iceberg.
 */
final class SnapshotTableSource implements ScanTableSource, SupportsStatisticReport {
    /** Rows per vectorized batch: Flink's filesystem connector's default. */
    private static final int BATCH_ROWS = 2048;

    private final RowType type;
    private final List<String> files;
    private final long rows;

    SnapshotTableSource(RowType type, List<String> files, long rows) {
        this.type = type;
        this.files = List.copyOf(files);
        this.rows = rows;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        ParquetColumnarRowInputFormat<FileSourceSplit> format = new ParquetColumnarRowInputFormat<>(
                new org.apache.hadoop.conf.Configuration(), type, InternalTypeInfo.of(type), BATCH_ROWS, false, true);
        return SourceProvider.of(FileSource.forBulkFileFormat(format, files.stream().map(Path::new).toArray(Path[]::new))
                .build());
    }

    @Override
    public TableStats reportStatistics() {
        return new TableStats(rows);
    }

    @Override
    public DynamicTableSource copy() {
        return new SnapshotTableSource(type, files, rows);
    }

    @Override
    public String asSummaryString() {
        return SnapshotTableFactory.IDENTIFIER;
    }
}
