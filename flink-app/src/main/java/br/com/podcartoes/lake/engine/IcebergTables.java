package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.IcebergCatalog;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.TableColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake's Iceberg tables in a Flink session: the catalog registered once, each table created on first
 * use (format v2, Parquet, identity partitions {@code ano}, {@code mes}, at its folder of the lake), and
 * month-filtered views over them.
 */
public final class IcebergTables {
    private static final Logger LOG = LoggerFactory.getLogger("pod-cartoes");

    private IcebergTables() {}

    /** The table's Flink SQL name, after creating it when the lake has none. */
    public static String ensure(TableEnvironment tEnv, LakeLayout lake, LakeTable table, List<TableColumn> cols) {
        IcebergCatalog catalog = lake.catalog();
        if (!Arrays.asList(tEnv.listCatalogs()).contains(IcebergCatalog.NAME)) {
            catalog.prepare();
            tEnv.registerCatalog(IcebergCatalog.NAME, flinkCatalog(catalog));
            // Only when missing: Iceberg's Flink catalog sends CreateDatabase even for IF NOT EXISTS, and on AWS
            // the database is deploy/'s (the job has no glue:CreateDatabase).
            if (!tEnv.getCatalog(IcebergCatalog.NAME).orElseThrow().databaseExists(catalog.database())) {
                tEnv.executeSql("CREATE DATABASE IF NOT EXISTS " + IcebergCatalog.NAME + ".`" + catalog.database() + "`");
            }
        }
        List<String> columns = new ArrayList<>();
        List<TableColumn> all = new ArrayList<>(cols);
        all.addAll(LakeTables.PARTITION_COLUMNS);
        for (TableColumn c : all) {
            // The comment becomes the Iceberg field's doc, which GlueCatalog sends as the Glue column's comment:
            // what Athena shows (the book's variable definitions).
            columns.add("`" + c.name() + "` " + c.sqlType() + " COMMENT " + literal(c.description()));
        }
        String name = catalog.sqlName(table);
        tEnv.executeSql("CREATE TABLE IF NOT EXISTS " + name + " (" + String.join(", ", columns) + ")"
                + " PARTITIONED BY (" + LakeTables.PARTITION_COLUMNS.stream().map(TableColumn::name)
                        .collect(Collectors.joining(", ")) + ")"
                + " WITH ('format-version' = '2', 'location' = " + literal(table.location(lake)) + ","
                // Snappy as the Parquet files before Iceberg: cheaper to write than Iceberg's default zstd.
                + " 'write.parquet.compression-codec' = 'snappy')");
        return name;
    }

    /**
     * Iceberg's Flink catalog, built here rather than by {@code CREATE CATALOG}: its SQL factory asks Flink's
     * own {@code HadoopUtils} for a Hadoop configuration, and in application mode (Managed Flink,
     * {@code local-cluster/run-application}) Flink's class loader has no Hadoop: "Unable to create catalog".
     * The configuration made here comes from the application jar. No table cache: the driver commits too.
     */
    static FlinkCatalog flinkCatalog(IcebergCatalog catalog) {
        Map<String, String> properties = catalog.properties();
        CatalogLoader loader = CatalogLoader.custom(IcebergCatalog.NAME, properties,
                IcebergCatalog.hadoopConf(), properties.get("catalog-impl"));
        return new FlinkCatalog(IcebergCatalog.NAME, catalog.database(), Namespace.empty(), loader, properties, false, -1);
    }

    /**
     * A view named {@code viewName} with {@code columns} of the table, restricted to the months of
     * {@code filter}, as of the table's current snapshot.
     *
     * <p>The snapshot's data files are planned here and read by Flink's vectorized Parquet reader
     * ({@link SnapshotTableSource}), only the columns asked for, with their row count as the planner's
     * statistics. Not through Iceberg's Flink source: it decodes Parquet row by row, in this one-job plan
     * (views shared by several sinks, planned once by digest) its scans lost projection and filter push-down,
     * and it gives the planner no statistics, so the joins differed from those over plain Parquet
     * (docs/performance.md). The lake's writers only add and remove whole files; a snapshot with row-level
     * deletes (another engine's DELETE or MERGE, e.g. Athena's) is read through Iceberg's source, which
     * applies them.
     */
    public static void view(TableEnvironment tEnv, String viewName, LakeLayout lake, LakeTable table,
            List<TableColumn> cols, MonthFilter filter, List<String> columns) {
        String name = ensure(tEnv, lake, table, cols);
        Table iceberg = icebergCatalog(tEnv).loadTable(lake.catalog().id(table));
        SnapshotFiles files = SnapshotFiles.plan(iceberg, filter);
        if (files.rowDeletes()) {
            LOG.warn("  {}: o snapshot {} tem exclusões por linha (de outro motor): lido pela fonte do Iceberg",
                    table.tableName(), files.snapshotId());
            Views.create(tEnv, viewName, "SELECT " + String.join(", ", columns)
                    + " FROM " + name + " WHERE " + filter.sql());
            return;
        }
        if (files.paths().isEmpty()) {
            emptyView(tEnv, viewName, cols, columns);
            return;
        }
        Schema.Builder schema = Schema.newBuilder();
        columns.forEach(c -> schema.column(c, column(cols, c).sqlType()));
        tEnv.createTemporaryTable(viewName, TableDescriptor.forConnector(SnapshotTableFactory.IDENTIFIER)
                .schema(schema.build())
                .option(SnapshotTableFactory.FILES, files.paths())
                .option(SnapshotTableFactory.ROWS, files.rows())
                .build());
    }

    private static Catalog icebergCatalog(TableEnvironment tEnv) {
        return ((FlinkCatalog) tEnv.getCatalog(IcebergCatalog.NAME).orElseThrow()).catalog();
    }

    private static TableColumn column(List<TableColumn> cols, String name) {
        return cols.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    /** A view with {@code columns} (typed as in {@code cols}) and no rows. */
    public static void emptyView(TableEnvironment tEnv, String viewName, List<TableColumn> cols,
            List<String> columns) {
        String empty = columns.stream().map(c -> "CAST(NULL AS " + column(cols, c).sqlType() + ") AS " + c)
                .collect(Collectors.joining(", "));
        Views.create(tEnv, viewName, "SELECT " + empty
                + " FROM (VALUES (1)) AS t(x) WHERE x = 0");
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
