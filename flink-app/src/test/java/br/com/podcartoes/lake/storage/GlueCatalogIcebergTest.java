package br.com.podcartoes.lake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.testing.FakeGlue;
import br.com.podcartoes.lake.testing.FakeGlue.Call;
import br.com.podcartoes.lake.testing.S3Server;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --catalog glue} at the HTTP level: the project's catalog (Iceberg's GlueCatalog and S3FileIO)
 * against a stateful fake of Glue and S3Proxy, both on loopback. The requests are what Athena needs to see
 * an Iceberg table; Glue's optimistic checks turn a stale commit into a plain failure that changes nothing.
 */
class GlueCatalogIcebergTest {
    static final String DATABASE = "pod_cartoes";
    static final String LAKE = "s3://lake/glue";
    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id_fatura", Types.StringType.get()),
            Types.NestedField.required(2, "id_cliente", Types.LongType.get()),
            Types.NestedField.required(3, "valor_fatura", Types.DecimalType.of(15, 2)),
            Types.NestedField.required(4, "data_vencimento", Types.DateType.get()),
            Types.NestedField.required(5, "ano", Types.StringType.get()),
            Types.NestedField.required(6, "mes", Types.StringType.get()));
    static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).identity("ano").identity("mes").build();

    static S3Server s3;
    static FakeGlue glue;
    static int tables;

    TableIdentifier id;
    String location;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3Server();
        s3.createBucket("lake");
        S3Server.useCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        glue = new FakeGlue();
        glue.createDatabase(DATABASE, LAKE); // deploy/ creates it; the job never does
    }

    @AfterAll
    static void stop() throws Exception {
        glue.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void newTable() {
        String name = "tb_teste_" + ++tables;
        id = TableIdentifier.of(Namespace.of(DATABASE), name);
        location = LAKE + "/curated/" + name;
        glue.clearCalls();
    }

    static IcebergCatalog catalog() {
        PipelineOptions d = PipelineOptions.defaults();
        return IcebergCatalog.of(new PipelineOptions(d.landing(), LAKE, 0, 1, d.detectInterval(), null, "glue", DATABASE,
                glue.endpoint(), s3.endpoint(), true, d.kpuPriceUsd(), d.maxQuarantinePct(), d.splitSize(),
                d.alertQuarantinePct()));
    }

    @Test
    void createAndTwoCommitsCarryWhatAthenaReadsAnIcebergTableBy() throws Exception {
        List<Record> jan = rows("2024", "01", 3);
        List<Record> feb = rows("2024", "02", 2);
        try (IcebergCatalog.Session session = catalog().open()) {
            Table table = session.catalog().createTable(id, SCHEMA, SPEC, location, Map.of("format-version", "2"));
            String created = metadataLocation(table);

            Call create = only(glue.calls(), "CreateTable");
            assertEquals(DATABASE, create.body().get("DatabaseName").asText());
            JsonNode input = create.body().get("TableInput");
            assertEquals(id.name(), input.get("Name").asText());
            assertEquals("EXTERNAL_TABLE", input.get("TableType").asText());
            assertEquals("ICEBERG", input.at("/Parameters/table_type").asText());
            assertEquals(created, input.at("/Parameters/metadata_location").asText());
            assertTrue(input.at("/Parameters/previous_metadata_location").isMissingNode(), input.toString());
            assertEquals(location, input.at("/StorageDescriptor/Location").asText());
            List<String> columns = new ArrayList<>();
            input.at("/StorageDescriptor/Columns").forEach(c -> columns.add(c.get("Name").asText() + " " + c.get("Type").asText()));
            // Athena's types for the contract's: the same spelling as sql/athena's DDL.
            assertEquals(List.of("id_fatura string", "id_cliente bigint", "valor_fatura decimal(15,2)",
                    "data_vencimento date", "ano string", "mes string"), columns);
            assertTrue(s3.keys("lake", key(created)).contains(key(created)), "the metadata file is on S3 before Glue points at it");
            assertSigned(glue.calls());

            glue.clearCalls();
            append(table, jan);
            append(table, feb);
            List<Call> commits = glue.calls();
            assertEquals(new TreeSet<>(List.of("GetTable", "UpdateTable")), operations(commits),
                    "a commit reads the table and updates it, nothing else (deploy/'s IAM grants no more)");
            List<Call> updates = commits.stream().filter(c -> c.operation().equals("UpdateTable")).toList();
            assertEquals(2, updates.size(), "one UpdateTable per commit");
            String previous = created;
            long version = 1;
            for (Call u : updates) {
                assertNull(u.error());
                assertEquals(String.valueOf(version++), u.body().get("VersionId").asText(), "optimistic: the version read");
                JsonNode p = u.body().at("/TableInput/Parameters");
                assertEquals("ICEBERG", p.get("table_type").asText());
                assertEquals(previous, p.get("previous_metadata_location").asText());
                assertFalse(p.get("metadata_location").asText().equals(previous));
                assertEquals("EXTERNAL_TABLE", u.body().at("/TableInput/TableType").asText());
                previous = p.get("metadata_location").asText();
            }
            JsonNode now = glue.table(DATABASE, id.name());
            assertEquals("3", now.get("VersionId").asText());
            assertEquals(previous, now.at("/Parameters/metadata_location").asText());
            assertEquals(metadataLocation(table), previous);
        }
        // Read back through a new catalog, with Iceberg's own reader.
        try (IcebergCatalog.Session session = catalog().open()) {
            Table table = session.catalog().loadTable(id);
            assertEquals(2, size(table.snapshots()));
            List<Record> expected = new ArrayList<>(jan);
            expected.addAll(feb);
            assertEquals(lines(expected), lines(read(table)));
        }
    }

    @Test
    void aCommitOverAStaleBaseFailsPlainlyAndLeavesNothingBehind() throws Exception {
        try (IcebergCatalog.Session a = catalog().open(); IcebergCatalog.Session b = catalog().open()) {
            a.catalog().createTable(id, SCHEMA, SPEC, location, Map.of("format-version", "2"));
            Table stale = a.catalog().loadTable(id);
            Table other = b.catalog().loadTable(id);
            append(other, rows("2024", "01", 2)); // another writer commits after `stale` was read
            List<String> metadataBefore = metadataFiles();
            JsonNode glueBefore = glue.table(DATABASE, id.name());
            glue.clearCalls();

            TableOperations ops = ((HasTableOperations) stale).operations();
            TableMetadata base = ops.current();
            TableMetadata next = TableMetadata.buildFrom(base).setProperties(Map.of("pod.teste", "x")).build();
            CommitFailedException e = assertThrows(CommitFailedException.class, () -> ops.commit(base, next));

            assertTrue(e.getMessage().contains("is not same as the current Glue location"), e.getMessage());
            assertEquals(List.of(), glue.calls().stream().filter(c -> c.operation().equals("UpdateTable")).toList(),
                    "refused before Glue is touched");
            assertEquals(glueBefore, glue.table(DATABASE, id.name()));
            assertEquals(metadataBefore, metadataFiles(), "the stale writer's metadata file is deleted");
            assertEquals(lines(rows("2024", "01", 2)), lines(read(b.catalog().loadTable(id))));
        }
    }

    @Test
    void glueRefusesAnUpdateOverAnOlderVersionAndIcebergRetriesOnTheNewOne() throws Exception {
        List<Record> jan = rows("2024", "01", 2);
        List<Record> feb = rows("2024", "02", 3);
        try (IcebergCatalog.Session a = catalog().open(); IcebergCatalog.Session b = catalog().open()) {
            Table mine = a.catalog().createTable(id, SCHEMA, SPEC, location, Map.of("format-version", "2"));
            // Between this writer's GetTable and its UpdateTable, another one commits February.
            glue.beforeNextUpdate(id.name(), () -> append(b.catalog().loadTable(id), feb));
            glue.clearCalls();

            append(mine, jan);

            List<Call> updates = glue.calls().stream().filter(c -> c.operation().equals("UpdateTable")).toList();
            // In the order Glue answered them: the other writer's (1 -> 2), this writer's with version 1, refused,
            // then its retry from the new metadata, with version 2.
            assertEquals(List.of("ok", "ConcurrentModificationException", "ok"),
                    updates.stream().map(c -> c.error() == null ? "ok" : c.error()).toList());
            assertEquals(List.of("1", "1", "2"), updates.stream().map(c -> c.body().get("VersionId").asText()).toList());
            List<Record> both = new ArrayList<>(jan);
            both.addAll(feb);
            assertEquals(lines(both), lines(read(b.catalog().loadTable(id))), "nothing lost");
        }
    }

    @Test
    void withoutRetriesTheSameRaceFailsPlainly() throws Exception {
        List<Record> feb = rows("2024", "02", 3);
        try (IcebergCatalog.Session a = catalog().open(); IcebergCatalog.Session b = catalog().open()) {
            Table mine = a.catalog().createTable(id, SCHEMA, SPEC, location,
                    Map.of("format-version", "2", "commit.retry.num-retries", "0"));
            glue.beforeNextUpdate(id.name(), () -> append(b.catalog().loadTable(id), feb));

            CommitFailedException e = assertThrows(CommitFailedException.class, () -> append(mine, rows("2024", "01", 2)));

            assertTrue(e.getMessage().contains("Glue detected concurrent update"), e.getMessage());
            assertEquals(lines(feb), lines(read(b.catalog().loadTable(id))), "only the other writer's commit");
        }
    }

    // --- helpers ---

    static List<Record> rows(String ano, String mes, int n) {
        List<Record> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            GenericRecord r = GenericRecord.create(SCHEMA);
            r.setField("id_fatura", "F" + ano + mes + "-" + i);
            r.setField("id_cliente", 1000L + i);
            r.setField("valor_fatura", new BigDecimal(i + "23.45"));
            r.setField("data_vencimento", LocalDate.of(Integer.parseInt(ano), Integer.parseInt(mes), 10));
            r.setField("ano", ano);
            r.setField("mes", mes);
            out.add(r);
        }
        return out;
    }

    /** One Parquet file of one month's rows, written through the table's FileIO (S3FileIO), appended in one commit. */
    static void append(Table table, List<Record> rows) {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(rows.get(0));
        String path = table.locationProvider().newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer = new GenericAppenderFactory(table.schema(), table.spec()).newDataWriter(
                EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(path)), FileFormat.PARQUET,
                partition);
        try (writer) {
            rows.forEach(writer::write);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
    }

    static List<Record> read(Table table) throws Exception {
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(out::add);
        }
        return out;
    }

    static TreeSet<String> lines(List<Record> records) {
        TreeSet<String> out = new TreeSet<>();
        for (Record r : records) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(String.valueOf(r.get(i)));
            }
            out.add(String.join("|", values));
        }
        return out;
    }

    static String metadataLocation(Table table) {
        return ((HasTableOperations) table).operations().refresh().metadataFileLocation();
    }

    List<String> metadataFiles() {
        return s3.keys("lake", key(location) + "/metadata/").stream().filter(k -> k.endsWith(".metadata.json")).toList();
    }

    static String key(String s3Uri) {
        return s3Uri.substring("s3://lake/".length());
    }

    static Call only(List<Call> calls, String operation) {
        List<Call> of = calls.stream().filter(c -> c.operation().equals(operation)).toList();
        assertEquals(1, of.size(), operation + " in " + calls);
        return of.get(0);
    }

    static TreeSet<String> operations(List<Call> calls) {
        TreeSet<String> out = new TreeSet<>();
        calls.forEach(c -> out.add(c.operation()));
        return out;
    }

    static int size(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    /** SigV4 with the credentials of the default chain and the region the catalog resolved. */
    static void assertSigned(List<Call> calls) {
        for (Call c : calls) {
            assertTrue(c.authorization() != null && c.authorization().startsWith("AWS4-HMAC-SHA256 Credential="
                    + S3Server.ACCESS_KEY + "/") && c.authorization().contains("/us-east-1/glue/aws4_request"),
                    c.operation() + ": " + c.authorization());
        }
    }
}
