package br.com.podcartoes.lake.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A local lake's Iceberg tables read with Iceberg's own Java API (a JDBC catalog on the lake's
 * {@code _catalog/iceberg.db}), not with the project's code: the files of a table's current snapshot, for
 * DuckDB to read.
 */
public final class IcebergLake implements AutoCloseable {
    public static final String DATABASE = "pod_cartoes";

    private final JdbcCatalog catalog = new JdbcCatalog();

    public IcebergLake(Path lake) {
        catalog.setConf(new Configuration());
        // A JDBC catalog keeps its tables under its name (column catalog_name): the pipeline's is "lake".
        catalog.initialize("lake", Map.of("uri", "jdbc:sqlite:" + lake.resolve("_catalog/iceberg.db"),
                "jdbc.schema-version", "V1", "warehouse", lake.toUri().toString()));
    }

    /** The table's catalog name for a lake folder ({@code curated/tb_faturas}, {@code quarantine/tb_faturas}, ...). */
    public static String tableOf(String folder) {
        String[] p = folder.split("/");
        return switch (p[0]) {
            case "quarantine" -> "quarentena_" + p[1];
            case "refined" -> p[1].equals("_estado_fatura") ? "estado_fatura" : p[1];
            default -> p[1];
        };
    }

    public Table table(String name) {
        return catalog.loadTable(TableIdentifier.of(Namespace.of(DATABASE), name));
    }

    public boolean exists(String name) {
        return catalog.tableExists(TableIdentifier.of(Namespace.of(DATABASE), name));
    }

    /** The data files of the table's current snapshot (none when it has no snapshot). */
    public List<String> currentFiles(String name) {
        return currentFiles(table(name));
    }

    /** The data files of a table's current snapshot, listed by Iceberg (any catalog). */
    public static List<String> currentFiles(Table t) {
        List<String> out = new ArrayList<>();
        scan(t, task -> out.add(task.file().location()));
        return out;
    }

    /** The months ({@code YYYY-MM}) of a table's current snapshot, from its files' partition values. */
    public static java.util.Set<String> months(Table t) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        scan(t, task -> out.add(task.file().partition().get(0, String.class) + "-"
                + task.file().partition().get(1, String.class)));
        return out;
    }

    private static void scan(Table t, java.util.function.Consumer<FileScanTask> each) {
        if (t.currentSnapshot() == null) {
            return;
        }
        try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
            tasks.forEach(each);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The months ({@code YYYY-MM}) with data in the table's current snapshot, of a lake folder's table. */
    public static java.util.Set<String> months(Path lake, String folder) {
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            String name = tableOf(folder);
            return iceberg.exists(name) ? months(iceberg.table(name)) : new java.util.TreeSet<>();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A DuckDB relation of the table's current snapshot: {@code read_parquet} over its files, {@code ano}
     * and {@code mes} as numbers (as the Hive-style reads did); an empty relation of the same columns when
     * the table has no files.
     */
    public String duckDbRelation(String name) {
        return duckDbRelation(table(name).schema(), currentFiles(name));
    }

    /** The same relation over local copies of a table's files (of an S3 lake, say), for its schema. */
    public static String duckDbRelation(org.apache.iceberg.Schema schema, List<String> files) {
        if (files.isEmpty()) {
            List<String> cols = new ArrayList<>();
            for (Types.NestedField f : schema.columns()) {
                String type = isPartition(f.name()) ? "BIGINT" : duckType(f.type());
                cols.add("CAST(NULL AS " + type + ") AS " + f.name());
            }
            return "(SELECT " + String.join(", ", cols) + " LIMIT 0)";
        }
        List<String> quoted = files.stream().map(f -> "'" + f.replaceFirst("^file:", "") + "'").toList();
        return "(SELECT * REPLACE (CAST(ano AS BIGINT) AS ano, CAST(mes AS BIGINT) AS mes) FROM read_parquet(["
                + String.join(", ", quoted) + "]))";
    }

    private static boolean isPartition(String name) {
        return name.equals("ano") || name.equals("mes");
    }

    private static String duckType(Type t) {
        return switch (t.typeId()) {
            case STRING -> "VARCHAR";
            case LONG -> "BIGINT";
            case INTEGER -> "INTEGER";
            case DATE -> "DATE";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) t).precision() + "," + ((Types.DecimalType) t).scale() + ")";
            default -> throw new IllegalArgumentException("tipo sem equivalente no teste: " + t);
        };
    }

    @Override
    public void close() throws java.io.IOException {
        catalog.close();
    }
}
