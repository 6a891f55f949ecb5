package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Athena's {@code CREATE TABLE ... 'table_type' = 'ICEBERG'} for the lake's tables, from the same column
 * lists the job creates them with, at the same location: an Iceberg table Athena creates empty is the table
 * the job would have created, and the job then commits to it.
 */
public final class AthenaDdl {
    private AthenaDdl() {}

    public static String table(CatalogTable t) {
        List<TableColumn> columns = new ArrayList<>(t.columns());
        columns.addAll(LakeTables.PARTITION_COLUMNS);
        StringBuilder sb = new StringBuilder();
        // IF NOT EXISTS: with --catalog glue the job may have created the table already.
        sb.append("CREATE TABLE IF NOT EXISTS `").append(t.name()).append("` (\n");
        for (int i = 0; i < columns.size(); i++) {
            TableColumn c = columns.get(i);
            sb.append("  `").append(c.name()).append("` ").append(c.hiveType()).append(" COMMENT ")
                    .append(literal(c.description())).append(i < columns.size() - 1 ? ",\n" : "\n");
        }
        sb.append(")\nPARTITIONED BY (").append(LakeTables.PARTITION_COLUMNS.stream()
                .map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "))).append(")\n");
        sb.append("LOCATION ").append(literal(t.location())).append('\n');
        sb.append("TBLPROPERTIES (\n  ").append(String.join(",\n  ", List.of(
                property("table_type", "ICEBERG"),
                property("format", "parquet"),
                // The job writes Snappy (engine/IcebergTables); Athena's own default would be ZSTD.
                property("write_compression", "snappy")))).append("\n)\n");
        return sb.toString();
    }

    private static String property(String key, String value) {
        return literal(key) + " = " + literal(value);
    }

    /** A Hive DDL string literal (Athena's DDL parser is Hive's: backslash escapes). */
    static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
