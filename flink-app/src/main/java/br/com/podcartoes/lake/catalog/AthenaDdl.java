package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Athena {@code CREATE EXTERNAL TABLE} statements for the lake's tables, from the same {@link CatalogTable}s
 * the Glue registrar sends, so the DDL cannot drift from the Parquet schema or from Glue.
 */
public final class AthenaDdl {
    /** Years partition projection enumerates; queries without a year filter list this many years of prefixes. */
    static final int PROJECTION_FIRST_YEAR = 2015;
    static final int PROJECTION_LAST_YEAR = 2035;

    private AthenaDdl() {}

    /** The table with partitions kept in the catalog (registered by the job, or MSCK REPAIR TABLE). */
    public static String table(CatalogTable t) {
        return create(t, List.of());
    }

    /** The same table with partition projection: Athena computes {@code ano}/{@code mes} locations itself. */
    public static String projected(CatalogTable t) {
        List<String> props = new ArrayList<>();
        props.add(property("projection.enabled", "true"));
        props.add(property("projection.ano.type", "integer"));
        props.add(property("projection.ano.range", PROJECTION_FIRST_YEAR + "," + PROJECTION_LAST_YEAR));
        props.add(property("projection.ano.digits", "4"));
        props.add(property("projection.mes.type", "integer"));
        props.add(property("projection.mes.range", "1,12"));
        props.add(property("projection.mes.digits", "2"));
        props.add(property("storage.location.template", t.folder() + "ano=${ano}/mes=${mes}/"));
        return create(t, props);
    }

    private static String create(CatalogTable t, List<String> extraProperties) {
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE EXTERNAL TABLE IF NOT EXISTS `").append(t.name()).append("` (\n");
        sb.append(columns(t.columns()));
        sb.append(")\nCOMMENT ").append(literal(t.description())).append('\n');
        sb.append("PARTITIONED BY (\n").append(columns(LakeTables.PARTITION_COLUMNS)).append(")\n");
        sb.append("ROW FORMAT SERDE ").append(literal(GlueTables.SERDE)).append('\n');
        sb.append("STORED AS INPUTFORMAT ").append(literal(GlueTables.INPUT_FORMAT)).append('\n');
        sb.append("OUTPUTFORMAT ").append(literal(GlueTables.OUTPUT_FORMAT)).append('\n');
        sb.append("LOCATION ").append(literal(t.folder())).append('\n');
        List<String> props = new ArrayList<>();
        props.add(property("classification", "parquet"));
        props.addAll(extraProperties);
        sb.append("TBLPROPERTIES (\n  ").append(String.join(",\n  ", props)).append("\n)\n");
        return sb.toString();
    }

    private static String columns(List<TableColumn> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            TableColumn c = columns.get(i);
            sb.append("  `").append(c.name()).append("` ").append(c.hiveType()).append(" COMMENT ")
                    .append(literal(c.description())).append(i < columns.size() - 1 ? ",\n" : "\n");
        }
        return sb.toString();
    }

    private static String property(String key, String value) {
        return literal(key) + " = " + literal(value);
    }

    /** A Hive DDL string literal (Athena DDL is Hive's: backslash escapes). */
    static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
