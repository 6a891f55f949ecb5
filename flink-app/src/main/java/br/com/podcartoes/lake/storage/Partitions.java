package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.contract.Month;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
                months.add(monthOf(f.file().partition()));
            }
        }
        return List.copyOf(months);
    }

    /** The month of a data file's partition ({@code ano}, {@code mes}). */
    public static YearMonth monthOf(StructLike partition) {
        return YearMonth.of(Integer.parseInt(partition.get(0, String.class)),
                Integer.parseInt(partition.get(1, String.class)));
    }

    /** The Iceberg filter of one month's partition. */
    public static Expression of(YearMonth month) {
        List<String> values = Month.of(month).partitionValues();
        return Expressions.and(Expressions.equal("ano", values.get(0)), Expressions.equal("mes", values.get(1)));
    }

    /**
     * Deletes the months a job wrote with no rows, one commit per table: an Iceberg overwrite replaces only
     * the partitions its rows fall in, so an emptied month would keep last run's rows. A table commits
     * only when one of those months has rows in it now.
     */
    public static void clearEmptied(LakeLayout lake, Map<LakeTable, List<YearMonth>> emptied) throws Exception {
        if (emptied.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            for (var e : emptied.entrySet()) {
                Table t = catalog.tableOrNull(e.getKey());
                List<YearMonth> stored = months(t);
                List<YearMonth> stale = e.getValue().stream().filter(stored::contains).toList();
                if (!stale.isEmpty()) {
                    t.newDelete().deleteFromRowFilter(stale.stream().map(Partitions::of)
                            .reduce(Expressions.alwaysFalse(), Expressions::or)).commit();
                }
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
