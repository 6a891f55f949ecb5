package br.com.podcartoes.lake.storage;

import java.util.List;
import java.util.Locale;

/** A column of a lake table: name, Flink SQL type and a description (Glue comment, dictionary). */
public record TableColumn(String name, String sqlType, String description) {

    /** Hive spelling for Glue and Athena ({@code DECIMAL(15,2)} becomes {@code decimal(15,2)}). */
    public String hiveType() {
        return sqlType.toLowerCase(Locale.ROOT);
    }

    /** {@code name TYPE, name TYPE, ...} for a CREATE TABLE. */
    public static String ddl(List<TableColumn> columns) {
        StringBuilder sb = new StringBuilder();
        for (TableColumn c : columns) {
            if (sb.length() > 0) {
                sb.append(",\n  ");
            }
            sb.append('`').append(c.name()).append("` ").append(c.sqlType());
        }
        return sb.toString();
    }

    public static String names(List<TableColumn> columns) {
        return String.join(", ", columns.stream().map(TableColumn::name).toList());
    }
}
