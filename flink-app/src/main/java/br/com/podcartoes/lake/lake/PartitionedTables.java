package br.com.podcartoes.lake.lake;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/** Declares the lake's Parquet tables to Flink, as sinks and as month-filtered sources. */
public final class PartitionedTables {
    private PartitionedTables() {}

    /** CREATE TEMPORARY TABLE for a Parquet table partitioned by {@code ano}, {@code mes}. */
    public static void declare(StreamTableEnvironment tEnv, String name, String path, List<TableColumn> cols) {
        tEnv.executeSql("CREATE TEMPORARY TABLE IF NOT EXISTS " + name + " (\n  " + TableColumn.ddl(cols)
                + ",\n  " + TableColumn.ddl(LakeTables.PARTITION_COLUMNS) + "\n) PARTITIONED BY (ano, mes) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + path + "', 'format' = 'parquet',"
                + " 'parquet.compression' = 'SNAPPY')");
    }

    /**
     * A view named {@code viewName} with {@code columns} of the table at {@code path}, restricted to the
     * months of {@code filter}; an empty relation of the same columns when no such partition exists
     * (Flink cannot read a table that has no folder yet).
     */
    public static void view(StreamTableEnvironment tEnv, String viewName, String path, List<TableColumn> cols,
            MonthFilter filter, List<String> columns) throws IOException {
        boolean any = existingMonths(path).stream().anyMatch(filter::test);
        if (any) {
            declare(tEnv, "source_" + viewName, path, cols);
            tEnv.executeSql("CREATE TEMPORARY VIEW " + viewName + " AS SELECT " + String.join(", ", columns)
                    + " FROM source_" + viewName + " WHERE " + filter.sql());
            return;
        }
        emptyView(tEnv, viewName, cols, columns);
    }

    /** A view with {@code columns} (typed as in {@code cols}) and no rows. */
    public static void emptyView(StreamTableEnvironment tEnv, String viewName, List<TableColumn> cols,
            List<String> columns) {
        String empty = columns.stream()
                .map(c -> "CAST(NULL AS " + cols.stream().filter(x -> x.name().equals(c)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no column " + c)).sqlType() + ") AS " + c)
                .collect(Collectors.joining(", "));
        tEnv.executeSql("CREATE TEMPORARY VIEW " + viewName + " AS SELECT " + empty
                + " FROM (VALUES (1)) AS t(x) WHERE x = 0");
    }

    /**
     * Deletes a partition that a static {@code INSERT OVERWRITE} just wrote with no rows: Flink leaves the
     * old files in place when the overwrite is empty, so an empty result must empty the partition itself.
     */
    public static void clearIfEmpty(Path partition, long rows) throws IOException {
        if (rows == 0) {
            LakeFs.delete(partition);
        }
    }

    /** Months that have a partition folder under a table, in order. */
    public static List<YearMonth> existingMonths(String tablePath) throws IOException {
        List<YearMonth> months = new ArrayList<>();
        for (FileStatus year : LakeFs.list(new Path(tablePath))) {
            String y = year.getPath().getName();
            if (!year.isDir() || !y.matches("ano=\\d{4}")) {
                continue;
            }
            for (FileStatus m : LakeFs.list(year.getPath())) {
                String mm = m.getPath().getName();
                if (m.isDir() && mm.matches("mes=\\d{2}")) {
                    months.add(YearMonth.of(Integer.parseInt(y.substring(4)), Integer.parseInt(mm.substring(4))));
                }
            }
        }
        months.sort(null);
        return months;
    }

    public static String partitionSpec(YearMonth month) {
        return String.format("ano='%04d', mes='%02d'", month.getYear(), month.getMonthValue());
    }

    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
