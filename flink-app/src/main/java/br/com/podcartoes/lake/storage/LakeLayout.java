package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.config.PipelineOptions;

import br.com.podcartoes.lake.contract.Month;
import java.io.File;
import java.time.YearMonth;
import org.apache.flink.core.fs.Path;

/**
 * Where everything lives in the lake. One root (a local folder or {@code s3://bucket/prefix}) holds
 * {@code raw/}, {@code curated/}, {@code quarantine/}, {@code refined/} and {@code _runs/}; tables are
 * partitioned {@code ano=YYYY/mes=MM}.
 */
public final class LakeLayout {
    public static final String BOOK_TABLE = "book_fatura";

    private final String root;
    private final IcebergCatalog catalog;

    /** A lake with the default catalog (local; see {@link IcebergCatalog}). */
    public LakeLayout(String location) {
        this.root = normalize(location);
        this.catalog = null;
    }

    private LakeLayout(String location, PipelineOptions options) {
        this.root = normalize(location);
        this.catalog = IcebergCatalog.of(options.withLake(root));
    }

    /** The lake of a command, with the Iceberg catalog its options name ({@code --catalog}). */
    public static LakeLayout of(PipelineOptions options) {
        return new LakeLayout(options.lake(), options);
    }

    /** The lake's Iceberg catalog. */
    public IcebergCatalog catalog() {
        return catalog != null ? catalog : IcebergCatalog.of(PipelineOptions.defaults().withLake(root));
    }

    /** A local path becomes an absolute {@code file:} URI; URIs (s3://, file:) stay as given. */
    public static String normalize(String location) {
        String trimmed = location.endsWith("/") && location.length() > 1
                ? location.substring(0, location.length() - 1) : location;
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || trimmed.startsWith("file:/")) {
            return trimmed;
        }
        return new File(trimmed).getAbsoluteFile().toURI().toString().replaceAll("/$", "");
    }

    public String root() {
        return root;
    }

    public boolean isS3() {
        return root.startsWith("s3://") || root.startsWith("s3a://");
    }

    public static String partition(YearMonth month) {
        return Month.of(month).partitionPath();
    }

    public Path rawDir(String table, YearMonth month) {
        return new Path(root + "/raw/" + table + "/" + partition(month));
    }

    public Path rawHistoryDir(String table) {
        return new Path(root + "/raw/" + table + "/historico");
    }

    public String curatedTable(String table) {
        return root + "/curated/" + table;
    }

    public String quarantineTable(String table) {
        return root + "/quarantine/" + table;
    }

    public String bookTable() {
        return root + "/refined/" + BOOK_TABLE;
    }

    /** Internal per-invoice status behind the book (underscore: Hive-style readers skip it). */
    public String statusTable() {
        return root + "/refined/_estado_fatura";
    }

    /** Quality metrics of a group ({@code _metrics/<group>}, JSON lines partitioned by month). */
    public String metricsTable(String group) {
        return root + "/_metrics/" + group;
    }

    public Path partitionDir(String tablePath, YearMonth month) {
        return new Path(tablePath + "/" + partition(month));
    }

    public Path runsDir(YearMonth month) {
        return new Path(root + "/_runs/" + month);
    }

    /** Reports of the commands that are not about one month ({@code _runs/rollback}, {@code _runs/maintain}). */
    public Path runsDir(String command) {
        return new Path(root + "/_runs/" + command);
    }

    /** Every report folder: one per month, {@code historico} and one per command not about a month. */
    public Path runsRoot() {
        return new Path(root + "/_runs");
    }

    /**
     * The lake's lock ({@code _runs/_lock}): under {@code _runs/}, which every command that writes may
     * write (on AWS the application's role writes the data layers and {@code _runs/}, not the bucket's root).
     */
    public String lockFile() {
        return root + "/_runs/_lock";
    }

    public Path workDir(YearMonth month, String runId) {
        return new Path(root + "/_runs/" + month + "/_work/" + runId);
    }
}
