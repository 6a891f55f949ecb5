package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.config.PipelineOptions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The Iceberg catalog of a lake, as Iceberg properties: the same map opens it in this JVM ({@link #open()})
 * and in Flink ({@code engine/IcebergTables}), so the driver and the job always see the same tables.
 *
 * <ul>
 *   <li>{@code --catalog local} (default): a JDBC catalog on an SQLite file in the lake,
 *       {@code _catalog/iceberg.db} — no server, no account; commits are a conditional UPDATE, so two
 *       processes cannot both commit over the same snapshot. Local lakes only.</li>
 *   <li>{@code --catalog jdbc:...}: a JDBC catalog at that URL (e.g. an SQLite file beside an S3 lake).</li>
 *   <li>{@code --catalog glue}: the AWS Glue Data Catalog through Iceberg's {@code GlueCatalog}; Athena reads
 *       the tables with no registration code of ours.</li>
 * </ul>
 * On an S3 lake the files are read and written with Iceberg's {@code S3FileIO}.
 */
public final class IcebergCatalog {
    /** The catalog's name in Flink SQL ({@code lake.<database>.<table>}). */
    public static final String NAME = "lake";
    public static final String LOCAL = "local";
    public static final String GLUE = "glue";

    /** What {@code --glue-database} may be: what Athena accepts as a database name (and what deploy/ creates). */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,255}");

    private final Map<String, String> properties;
    private final String database;
    private final String kind;

    private IcebergCatalog(Map<String, String> properties, String database, String kind) {
        this.properties = Map.copyOf(properties);
        this.database = database;
        this.kind = kind;
    }

    /**
     * The catalog the options name. Every usage error (a local catalog with an S3 lake, Glue with a local
     * lake, a bad database name or endpoint, no AWS region) is thrown here, before a command writes anything.
     */
    public static IcebergCatalog of(PipelineOptions options) {
        LakeLayout lake = new LakeLayout(options.lake());
        String kind = options.catalog() == null ? LOCAL : options.catalog();
        if (options.glueDatabase() == null || !DATABASE_NAME.matcher(options.glueDatabase()).matches()) {
            throw new IllegalArgumentException("--glue-database inválido: " + options.glueDatabase()
                    + " (letras minúsculas, dígitos e _)");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("warehouse", lake.root());
        if (kind.equals(LOCAL)) {
            if (lake.isS3()) {
                throw new IllegalArgumentException("--catalog local guarda o catálogo num arquivo do lake local; "
                        + "com o lake no S3 use --catalog glue (ou --catalog jdbc:sqlite:/caminho/catalogo.db)");
            }
            p.put("catalog-impl", DriverJdbcCatalog.class.getName());
            p.put("uri", "jdbc:sqlite:" + new File(java.net.URI.create(lake.root() + "/_catalog/iceberg.db")).getPath());
            p.put("jdbc.schema-version", "V1");
            // The job's committers (one per table) commit at the same moment: wait for SQLite's lock.
            p.put("jdbc.busy_timeout", "60000");
        } else if (kind.startsWith("jdbc:")) {
            p.put("catalog-impl", DriverJdbcCatalog.class.getName());
            p.put("uri", kind);
            p.put("jdbc.schema-version", "V1");
        } else if (kind.equals(GLUE)) {
            if (!lake.isS3()) {
                throw new IllegalArgumentException("--catalog glue exige o lake no S3 (--lake s3://bucket/prefixo); "
                        + "recebido: " + options.lake());
            }
            p.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
            p.putAll(AwsClientSettings.glue(options));
        } else {
            throw new IllegalArgumentException("--catalog " + kind + " não suportado (local | glue | jdbc:<url>)");
        }
        if (lake.isS3()) {
            p.putAll(AwsClientSettings.s3(options));
        }
        return new IcebergCatalog(p, options.glueDatabase(), kind.startsWith("jdbc:") ? "jdbc" : kind);
    }

    /** The Iceberg catalog properties. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Which catalog the tables are committed to, as the run report says it: {@code local}, {@code glue} or {@code jdbc}. */
    public String kind() {
        return kind;
    }

    /** The database (Glue) or namespace (JDBC) of the lake's tables. */
    public String database() {
        return database;
    }

    public TableIdentifier id(LakeTable table) {
        return TableIdentifier.of(Namespace.of(database), table.tableName());
    }

    /** The table's name in Flink SQL. */
    public String sqlName(LakeTable table) {
        return NAME + ".`" + database + "`.`" + table.tableName() + "`";
    }

    /** An open catalog; closing it releases its connections. */
    public record Session(Catalog catalog, IcebergCatalog lake) implements AutoCloseable {
        /** The table, or null when the lake has none yet. */
        public Table tableOrNull(LakeTable table) {
            TableIdentifier id = lake.id(table);
            return catalog.tableExists(id) ? catalog.loadTable(id) : null;
        }

        @Override
        public void close() throws Exception {
            if (catalog instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    /** Opens the catalog in this JVM. */
    public Session open() {
        prepare();
        return new Session(CatalogUtil.buildIcebergCatalog(NAME, properties, new org.apache.hadoop.conf.Configuration()),
                this);
    }

    /**
     * False when the lake certainly has no tables yet (a local catalog whose file does not exist): reading
     * an empty lake then creates nothing.
     */
    public boolean mayHaveTables() {
        String uri = properties.get("uri");
        return uri == null || !uri.startsWith("jdbc:sqlite:") || new File(uri.substring("jdbc:sqlite:".length())).exists();
    }

    /** The local catalog's folder must exist before SQLite can create its file. */
    public void prepare() {
        String uri = properties.get("uri");
        if (uri != null && uri.startsWith("jdbc:sqlite:")) {
            File parent = new File(uri.substring("jdbc:sqlite:".length())).getAbsoluteFile().getParentFile();
            if (parent != null) {
                parent.mkdirs();
            }
        }
    }

}
