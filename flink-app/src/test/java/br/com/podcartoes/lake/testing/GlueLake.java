package br.com.podcartoes.lake.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * An S3 lake's Iceberg tables read with Iceberg's own API, not the project's code: a {@code GlueCatalog}
 * on {@link FakeGlue} and {@code S3FileIO} on {@link S3Server} (with the tests' own S3 client). The files
 * of a table's current snapshot are copied to a local folder for DuckDB to read.
 */
public final class GlueLake implements AutoCloseable {
    private final GlueCatalog catalog = new GlueCatalog();
    private final S3Server s3;
    private final String database;

    public GlueLake(FakeGlue glue, S3Server s3, String database) {
        this.s3 = s3;
        this.database = database;
        catalog.initialize("test", Map.of("glue.endpoint", glue.endpoint(), "client.region", "us-east-1",
                "http-client.type", "urlconnection", "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint", s3.endpoint(), "s3.client-factory-impl", TestS3Clients.class.getName()));
    }

    public Table table(String name) {
        return catalog.loadTable(TableIdentifier.of(Namespace.of(database), name));
    }

    /** The {@code s3://} data files of the table's current snapshot. */
    public List<String> currentFiles(String name) {
        return IcebergLake.currentFiles(table(name));
    }

    /** The months ({@code YYYY-MM}) with data in the table's current snapshot. */
    public Set<String> months(String name) {
        return IcebergLake.months(table(name));
    }

    /**
     * A DuckDB relation of the table's current snapshot ({@code ano} and {@code mes} as numbers, as
     * {@link IcebergLake#duckDbRelation(String)}): its files downloaded from S3 into {@code dir}.
     */
    public String duckDbRelation(String name, Path dir) throws Exception {
        List<String> local = new ArrayList<>();
        for (String file : currentFiles(name)) {
            URI uri = URI.create(file);
            String key = uri.getPath().substring(1);
            Path target = dir.resolve(uri.getHost()).resolve(key);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                s3.client().getObject(b -> b.bucket(uri.getHost()).key(key), ResponseTransformer.toFile(target));
            }
            local.add(target.toString());
        }
        return IcebergLake.duckDbRelation(table(name).schema(), local);
    }

    @Override
    public void close() throws Exception {
        catalog.close();
    }
}
