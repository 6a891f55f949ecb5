package br.com.podcartoes.lake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.config.PipelineOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Iceberg properties {@code --catalog} turns into, and its usage errors, without opening anything. */
class IcebergCatalogTest {
    static PipelineOptions options(String lake, String catalog, String database, String glueEndpoint,
            String s3Endpoint, boolean pathStyle) {
        PipelineOptions d = PipelineOptions.defaults();
        return new PipelineOptions(d.landing(), lake, 0, 1, d.detectInterval(), null, catalog, database, glueEndpoint,
                s3Endpoint, pathStyle, d.kpuPriceUsd(), d.maxQuarantinePct(), d.splitSize(), d.alertQuarantinePct());
    }

    @Test
    void localIsAnSqliteFileInTheLake() {
        IcebergCatalog c = IcebergCatalog.of(options("/tmp/lago", "local", "pod_cartoes", null, null, false));
        assertEquals("local", c.kind());
        assertEquals(DriverJdbcCatalog.class.getName(), c.properties().get("catalog-impl"));
        assertEquals("jdbc:sqlite:/tmp/lago/_catalog/iceberg.db", c.properties().get("uri"));
        assertFalse(c.properties().containsKey("io-impl"), "local files: Iceberg's default FileIO");
    }

    @Test
    void glueWithEndpointsIsIcebergsGlueCatalogAndS3FileIOForAnS3CompatibleServer() {
        IcebergCatalog c = IcebergCatalog.of(options("s3://lake/x", "glue", "pod_cartoes", "http://127.0.0.1:1",
                "http://127.0.0.1:2", true));
        Map<String, String> p = c.properties();
        assertEquals("glue", c.kind());
        assertEquals("org.apache.iceberg.aws.glue.GlueCatalog", p.get("catalog-impl"));
        assertEquals("http://127.0.0.1:1", p.get("glue.endpoint"));
        assertEquals("org.apache.iceberg.aws.s3.S3FileIO", p.get("io-impl"));
        assertEquals("http://127.0.0.1:2", p.get("s3.endpoint"));
        assertEquals("true", p.get("s3.path-style-access"));
        assertEquals("false", p.get("s3.chunked-encoding-enabled"));
        assertEquals(S3CompatibleClients.class.getName(), p.get("s3.client-factory-impl"));
        assertEquals("s3://lake/x", p.get("warehouse"));
        String env = System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION") : System.getenv("AWS_DEFAULT_REGION");
        assertEquals(env != null ? env : AwsClientSettings.ENDPOINT_REGION, p.get("client.region"));
        assertEquals("lake.`pod_cartoes`.`book_fatura`", c.sqlName(LakeTable.BOOK_FATURA));
    }

    @Test
    void againstAwsTheSdkDefaultsStayAndTheRegionIsTheEnvironments() {
        System.setProperty("aws.region", "sa-east-1");
        try {
            Map<String, String> p = IcebergCatalog.of(options("s3://lake/x", "glue", "pod_cartoes", null, null, false))
                    .properties();
            assertEquals("sa-east-1", p.get("client.region"));
            for (String key : new String[] {"glue.endpoint", "s3.endpoint", "s3.path-style-access",
                    "s3.chunked-encoding-enabled", "s3.client-factory-impl"}) {
                assertFalse(p.containsKey(key), key);
            }
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @Test
    void jdbcBesideAnS3Lake() {
        IcebergCatalog c = IcebergCatalog.of(options("s3://lake/x", "jdbc:sqlite:/tmp/c.db", "pod_cartoes", null,
                "http://127.0.0.1:2", true));
        assertEquals("jdbc", c.kind());
        assertEquals("jdbc:sqlite:/tmp/c.db", c.properties().get("uri"));
        assertEquals("org.apache.iceberg.aws.s3.S3FileIO", c.properties().get("io-impl"));
    }

    @Test
    void usageErrorsNameTheOption() {
        assertError("--catalog glue", options("/tmp/lago", "glue", "pod_cartoes", null, null, false));
        assertError("--catalog local", options("s3://lake/x", "local", "pod_cartoes", null, null, false));
        assertError("--catalog hive", options("/tmp/lago", "hive", "pod_cartoes", null, null, false));
        assertError("--glue-database", options("/tmp/lago", "local", "Pod-Cartoes", null, null, false));
        assertError("--glue-endpoint", options("s3://lake/x", "glue", "pod_cartoes", "glue sem esquema", null, false));
        assertError("--s3-endpoint", options("s3://lake/x", "glue", "pod_cartoes", null, "127.0.0.1:9000", false));
    }

    static void assertError(String option, PipelineOptions options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IcebergCatalog.of(options));
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }
}
