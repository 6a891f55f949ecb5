package br.com.podcartoes.lake.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * One month of a table as it is now or as it was at a snapshot, written to a CSV or Parquet file. No
 * Flink job: Iceberg's generic reader reads the snapshot's files of that partition in this JVM (a month of
 * one table is small), and Iceberg's generic Parquet writer or a plain CSV writer writes them.
 */
public final class TableExport {
    /** What was exported: rows, from which snapshot, committed when. */
    public record Result(long rows, long snapshotId, Instant committedAt) {}

    public enum Format {
        CSV, PARQUET;

        /** By the output's extension: {@code .csv} or {@code .parquet}. */
        public static Format of(String out) {
            String lower = out.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".parquet")) {
                return PARQUET;
            }
            throw new IllegalArgumentException("--out " + out + ": a extensão diz o formato, .csv ou .parquet");
        }
    }

    private TableExport() {}

    /**
     * The snapshot to read: {@code snapshotId} when given (it must be one of the table's), else the one
     * current at {@code asOf} when given, else the current one.
     */
    public static Snapshot snapshot(Table table, Long snapshotId, Instant asOf) {
        if (snapshotId != null) {
            Snapshot s = table.snapshot(snapshotId);
            if (s == null) {
                throw new IllegalArgumentException(table.name() + " não tem o snapshot " + snapshotId
                        + " (inexistente, ou expirado pelo maintain)");
            }
            return s;
        }
        if (asOf != null) {
            Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, asOf.toEpochMilli());
            if (id == null) {
                throw new IllegalArgumentException(table.name() + " não tinha dados em " + asOf + " (ou o histórico"
                        + " dessa época expirou: maintain)");
            }
            return table.snapshot(id);
        }
        if (table.currentSnapshot() == null) {
            throw new IllegalArgumentException(table.name() + " ainda não tem dados");
        }
        return table.currentSnapshot();
    }

    /** Writes the month's rows of the snapshot to {@code out} (a local path or a URI the table's FileIO writes). */
    public static Result export(Table table, Snapshot snapshot, YearMonth month, String out) throws IOException {
        Format format = Format.of(out);
        Schema schema = SnapshotUtil.schemaFor(table, snapshot.snapshotId());
        boolean local = !out.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        // A local file appears whole or not at all: written beside, then renamed.
        Path target = local ? Path.of(out).toAbsolutePath() : null;
        Path partial = local ? target.resolveSibling("." + target.getFileName() + ".inprogress") : null;
        if (local) {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
        }
        OutputFile file = local ? org.apache.iceberg.Files.localOutput(partial.toFile()) : table.io().newOutputFile(out);
        long rows;
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId())
                .where(Partitions.of(month)).build()) {
            rows = format == Format.CSV ? writeCsv(schema, records, file) : writeParquet(schema, records, file);
        }
        if (local) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Result(rows, snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()));
    }

    private static long writeParquet(Schema schema, Iterable<Record> records, OutputFile file) throws IOException {
        long rows = 0;
        FileAppender<Record> appender = new GenericAppenderFactory(schema)
                .set("write.parquet.compression-codec", "snappy").newAppender(file, FileFormat.PARQUET);
        try (appender) {
            for (Record r : records) {
                appender.add(r);
                rows++;
            }
        }
        return rows;
    }

    /** RFC 4180, comma-separated like the deliveries, with a header of the column names. */
    private static long writeCsv(Schema schema, Iterable<Record> records, OutputFile file) throws IOException {
        List<Types.NestedField> columns = schema.columns();
        long rows = 0;
        try (OutputStream stream = file.createOrOverwrite();
                Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns.stream().map(c -> field(c.name())).toList()));
            out.write("\n");
            for (Record r : records) {
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    Object v = r.getField(columns.get(i).name());
                    out.write(v == null ? "" : field(v instanceof BigDecimal d ? d.toPlainString() : v.toString()));
                }
                out.write("\n");
                rows++;
            }
        }
        return rows;
    }

    /** Quoted when needed, and when empty: an empty field is a null, {@code ""} an empty text. */
    private static String field(String s) {
        if (!s.isEmpty() && s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
