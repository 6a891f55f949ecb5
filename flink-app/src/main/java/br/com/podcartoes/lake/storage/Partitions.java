package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.contract.Month;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.core.fs.Path;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/** The month partitions ({@code ano}, {@code mes}) of the lake's tables. */
public final class Partitions {
    private Partitions() {}

    /** Months that have rows in an Iceberg table's current snapshot, in order. */
    public static List<YearMonth> existingMonths(LakeLayout lake, LakeTable table) throws IOException {
        if (!lake.catalog().mayHaveTables()) {
            return List.of();
        }
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            return months(catalog.tableOrNull(table));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Months with data files in the table's current snapshot. */
    public static List<YearMonth> months(Table table) throws IOException {
        TreeSet<YearMonth> months = new TreeSet<>();
        if (table == null || table.currentSnapshot() == null) {
            return List.of();
        }
        try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
            for (FileScanTask f : files) {
                StructLike p = f.file().partition();
                months.add(YearMonth.of(Integer.parseInt(p.get(0, String.class)), Integer.parseInt(p.get(1, String.class))));
            }
        }
        return List.copyOf(months);
    }

    /** The Iceberg filter of one month's partition. */
    public static Expression of(YearMonth month) {
        List<String> values = Month.of(month).partitionValues();
        return Expressions.and(Expressions.equal("ano", values.get(0)), Expressions.equal("mes", values.get(1)));
    }

    /**
     * Deletes a month the job wrote with no rows: an Iceberg overwrite replaces only the partitions its
     * rows fall in, so an empty month would keep last run's rows. A commit only when there is something to
     * delete.
     */
    public static void clearIfEmpty(LakeLayout lake, LakeTable table, YearMonth month, long rows) throws Exception {
        if (rows != 0) {
            return;
        }
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            Table t = catalog.tableOrNull(table);
            if (t != null && months(t).contains(month)) {
                t.newDelete().deleteFromRowFilter(of(month)).commit();
            }
        }
    }

    /**
     * Deletes a partition folder of a plain (non-Iceberg) table that a static {@code INSERT OVERWRITE} just
     * wrote with no rows: Flink leaves the old files in place when the overwrite is empty.
     */
    public static void clearIfEmpty(Path partition, long rows) throws IOException {
        if (rows == 0) {
            LakeFs.delete(partition);
        }
    }
}
