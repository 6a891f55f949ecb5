package br.com.podcartoes.lake.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * An S3 lake whose Iceberg catalog is a JDBC (SQLite) file, read with Iceberg's own API (S3FileIO on the
 * tests' S3 client, {@link TestS3Clients}); the current snapshot's files are taken from a local copy of the
 * bucket for DuckDB.
 */
public final class JdbcS3Lake implements AutoCloseable {
    private final JdbcCatalog catalog = new JdbcCatalog();

    public JdbcS3Lake(String catalogUri, String s3Endpoint) {
        catalog.setConf(new Configuration());
        // The pipeline's catalog name: a JDBC catalog keeps its tables under it.
        catalog.initialize("lake", Map.of("uri", catalogUri, "jdbc.schema-version", "V1", "warehouse", "s3://lake",
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO", "s3.endpoint", s3Endpoint,
                "s3.client-factory-impl", TestS3Clients.class.getName(), "client.region", "us-east-1"));
    }

    public Table table(String name) {
        return catalog.loadTable(TableIdentifier.of(Namespace.of(IcebergLake.DATABASE), name));
    }

    /** A DuckDB relation of the table's current snapshot, its {@code s3://bucket/key} files read at {@code copy/key}. */
    public String duckDbRelation(String name, Path copy) {
        Table t = table(name);
        List<String> local = new ArrayList<>();
        for (String file : IcebergLake.currentFiles(t)) {
            local.add(copy.resolve(URI.create(file).getPath().substring(1)).toString());
        }
        return IcebergLake.duckDbRelation(t.schema(), local);
    }

    @Override
    public void close() throws java.io.IOException {
        catalog.close();
    }
}
