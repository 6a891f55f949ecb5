package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.Partitions;
import br.com.podcartoes.lake.storage.TableColumn;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.FormatDescriptor;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

/** Declares the lake's Parquet tables to Flink, as sinks and as month-filtered sources. */
public final class PartitionedTables {
    private PartitionedTables() {}

    /** A temporary Parquet table (SNAPPY) partitioned by {@code ano}, {@code mes}; declared once per name. */
    public static void declare(TableEnvironment tEnv, String name, String path, List<TableColumn> cols) {
        if (List.of(tEnv.listTemporaryTables()).contains(name)) {
            return;
        }
        Schema.Builder schema = Schema.newBuilder();
        for (TableColumn c : cols) {
            schema.column(c.name(), c.sqlType());
        }
        for (TableColumn c : LakeTables.PARTITION_COLUMNS) {
            schema.column(c.name(), c.sqlType());
        }
        tEnv.createTemporaryTable(name, TableDescriptor.forConnector("filesystem")
                .schema(schema.build())
                .partitionedBy(LakeTables.PARTITION_COLUMNS.stream().map(TableColumn::name).toArray(String[]::new))
                .option("path", path)
                .format(FormatDescriptor.forFormat("parquet").option("compression", "SNAPPY").build())
                .build());
    }

    /**
     * A view named {@code viewName} with {@code columns} of the table at {@code path}, restricted to the
     * months of {@code filter}; an empty relation of the same columns when no such partition exists
     * (Flink cannot read a table that has no folder yet).
     */
    public static void view(TableEnvironment tEnv, String viewName, String path, List<TableColumn> cols,
            MonthFilter filter, List<String> columns) throws IOException {
        boolean any = Partitions.existingMonths(path).stream().anyMatch(filter::test);
        if (any) {
            declare(tEnv, "source_" + viewName, path, cols);
            tEnv.executeSql("CREATE TEMPORARY VIEW " + viewName + " AS SELECT " + String.join(", ", columns)
                    + " FROM source_" + viewName + " WHERE " + filter.sql());
            return;
        }
        emptyView(tEnv, viewName, cols, columns);
    }

    /** A view with {@code columns} (typed as in {@code cols}) and no rows. */
    public static void emptyView(TableEnvironment tEnv, String viewName, List<TableColumn> cols,
            List<String> columns) {
        String empty = columns.stream()
                .map(c -> "CAST(NULL AS " + cols.stream().filter(x -> x.name().equals(c)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no column " + c)).sqlType() + ") AS " + c)
                .collect(Collectors.joining(", "));
        tEnv.executeSql("CREATE TEMPORARY VIEW " + viewName + " AS SELECT " + empty
                + " FROM (VALUES (1)) AS t(x) WHERE x = 0");
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
