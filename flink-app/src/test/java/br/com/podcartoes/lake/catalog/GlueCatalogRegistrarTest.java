package br.com.podcartoes.lake.catalog;

import static br.com.podcartoes.lake.catalog.FakeGlue.error;
import static br.com.podcartoes.lake.catalog.FakeGlue.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.catalog.CatalogRegistrar.Update;
import br.com.podcartoes.lake.catalog.FakeGlue.Call;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import br.com.podcartoes.lake.report.RunReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registrar with the real GlueClient against a fake Glue endpoint: the exact requests on the wire,
 * idempotent reruns, retried throttling and clear failures.
 */
class GlueCatalogRegistrarTest {
    static final String LAKE = "s3://pod-lake-bucket/lake";
    static final YearMonth JAN = YearMonth.of(2024, 1);
    static final String ALREADY_EXISTS_FEB = "{\"Errors\":[{\"PartitionValues\":[\"2024\",\"02\"],"
            + "\"ErrorDetail\":{\"ErrorCode\":\"AlreadyExistsException\",\"ErrorMessage\":\"Partition already exists.\"}}]}";

    /** What each table must be: its folder under the lake and the column list it is derived from. */
    record Expected(String folder, List<TableColumn> columns) {}

    static final Map<String, Expected> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("tb_faturas", new Expected("/curated/tb_faturas/", LakeTables.curated(TableContract.FATURAS)));
        TABLES.put("tb_pagamentos", new Expected("/curated/tb_pagamentos/", LakeTables.curated(TableContract.PAGAMENTOS)));
        TABLES.put("quarentena_tb_faturas", new Expected("/quarantine/tb_faturas/", LakeTables.quarantine()));
        TABLES.put("quarentena_tb_pagamentos", new Expected("/quarantine/tb_pagamentos/", LakeTables.quarantine()));
        TABLES.put("book_fatura", new Expected("/refined/book_fatura/", BookSchema.columns()));
    }

    static FakeGlue glue;

    @BeforeAll
    static void start() {
        glue = new FakeGlue();
    }

    @AfterAll
    static void stop() {
        glue.close();
    }

    @BeforeEach
    void reset() {
        glue.reset();
    }

    @Test
    void firstRunCreatesTheDatabaseEveryTableAndTheMonthsPartitions() throws Exception {
        glue.answer("GetDatabase", null, error("EntityNotFoundException", "Database pod_cartoes not found."));

        glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN)));

        List<Call> calls = glue.calls();
        List<String> expected = new ArrayList<>(List.of("GetDatabase pod_cartoes", "CreateDatabase pod_cartoes"));
        TABLES.keySet().forEach(t -> expected.add("CreateTable " + t));
        TABLES.keySet().forEach(t -> expected.add("BatchCreatePartition " + t));
        assertEquals(expected, describe(calls));

        JsonNode database = calls.get(1).body().get("DatabaseInput");
        assertEquals("pod_cartoes", database.get("Name").asText());
        assertEquals(LAKE + "/", database.get("LocationUri").asText());

        for (Call c : calls) {
            assertTrue(c.authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + FakeGlue.ACCESS_KEY + "/"),
                    c.authorization());
            assertTrue(c.authorization().contains("/us-east-1/glue/aws4_request"), c.authorization());
        }
        for (Call c : of(calls, "CreateTable")) {
            assertEquals("pod_cartoes", c.body().get("DatabaseName").asText());
            String name = c.body().at("/TableInput/Name").asText();
            assertTable(c.body().get("TableInput"), TABLES.get(name));
        }
        for (Call c : of(calls, "BatchCreatePartition")) {
            assertEquals("pod_cartoes", c.body().get("DatabaseName").asText());
            String name = c.body().get("TableName").asText();
            JsonNode partitions = c.body().get("PartitionInputList");
            assertEquals(1, partitions.size(), name);
            assertPartition(partitions.get(0), TABLES.get(name), "2024", "01");
        }
    }

    @Test
    void hiveTypesAreTheParquetTypesSpelledTheHiveWay() throws Exception {
        glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN)));
        Map<String, String> types = new LinkedHashMap<>();
        for (Call c : of(glue.calls(), "CreateTable")) {
            for (JsonNode col : c.body().at("/TableInput/StorageDescriptor/Columns")) {
                types.put(c.body().at("/TableInput/Name").asText() + "." + col.get("Name").asText(), col.get("Type").asText());
            }
        }
        assertEquals("string", types.get("tb_faturas.id_fatura"));
        assertEquals("bigint", types.get("tb_faturas.id_cliente"));
        assertEquals("date", types.get("tb_faturas.data_vencimento"));
        assertEquals("decimal(15,2)", types.get("tb_faturas.valor_fatura"));
        assertEquals("decimal(15,2)", types.get("tb_pagamentos.valor_pagamento"));
        assertEquals("bigint", types.get("quarentena_tb_pagamentos.linha"));
        assertEquals("bigint", types.get("book_fatura.qtd_faturas_u12m"));
        assertEquals("decimal(18,2)", types.get("book_fatura.vl_fatura_medio_u3m"));
        assertEquals("double", types.get("book_fatura.pct_inadimplencia_u6m"));
        assertEquals("int", types.get("book_fatura.dias_atraso_max_u1m"));
        assertEquals("date", types.get("book_fatura.dt_referencia"));
        assertEquals(LakeTables.curated(TableContract.FATURAS).size() + LakeTables.curated(TableContract.PAGAMENTOS).size()
                + 2 * LakeTables.quarantine().size() + BookSchema.columns().size(), types.size());
    }

    @Test
    void rerunUpdatesTheTablesAndThePartitionsThatExist() throws Exception {
        YearMonth feb = YearMonth.of(2024, 2);
        YearMonth mar = YearMonth.of(2024, 3);
        glue.answer("GetDatabase", null, ok("{\"Database\":{\"Name\":\"pod_cartoes\"}}"));
        glue.answer("CreateTable", null, error("AlreadyExistsException", "Table already exists."));
        glue.answer("BatchCreatePartition", null, ok(ALREADY_EXISTS_FEB));

        // A rerun of February whose book rebuilt March (its window holds February).
        glue.registrar(LAKE).register(new Update(List.of(feb), List.of(feb, mar)));

        List<Call> calls = glue.calls();
        List<String> expected = new ArrayList<>(List.of("GetDatabase pod_cartoes"));
        TABLES.keySet().forEach(t -> expected.addAll(List.of("CreateTable " + t, "UpdateTable " + t)));
        TABLES.keySet().forEach(t -> expected.addAll(List.of("BatchCreatePartition " + t, "UpdatePartition " + t)));
        assertEquals(expected, describe(calls), "no CreateDatabase when it exists; AlreadyExists -> update");

        List<Call> creates = of(calls, "CreateTable");
        List<Call> updates = of(calls, "UpdateTable");
        for (int i = 0; i < creates.size(); i++) {
            assertEquals("pod_cartoes", updates.get(i).body().get("DatabaseName").asText());
            assertEquals(creates.get(i).body().get("TableInput"), updates.get(i).body().get("TableInput"),
                    "the update carries the same definition");
        }
        for (Call c : of(calls, "UpdatePartition")) {
            Expected t = TABLES.get(c.body().get("TableName").asText());
            assertEquals("pod_cartoes", c.body().get("DatabaseName").asText());
            assertEquals(List.of("2024", "02"), strings(c.body().get("PartitionValueList")));
            assertPartition(c.body().get("PartitionInput"), t, "2024", "02");
        }
        JsonNode book = of(calls, "BatchCreatePartition").get(4).body();
        assertEquals("book_fatura", book.get("TableName").asText());
        assertEquals(2, book.get("PartitionInputList").size());
        assertPartition(book.get("PartitionInputList").get(0), TABLES.get("book_fatura"), "2024", "02");
        assertPartition(book.get("PartitionInputList").get(1), TABLES.get("book_fatura"), "2024", "03");
    }

    @Test
    void backfillRegistersOnlyBookPartitionsAtMostAHundredPerCall() throws Exception {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2014, 1); !m.isAfter(YearMonth.of(2024, 10)); m = m.plusMonths(1)) {
            months.add(m);
        }
        assertEquals(130, months.size());

        glue.registrar(LAKE).register(new Update(List.of(), months));

        List<Call> calls = glue.calls();
        List<String> expected = new ArrayList<>(List.of("GetDatabase pod_cartoes"));
        TABLES.keySet().forEach(t -> expected.add("CreateTable " + t));
        expected.addAll(List.of("BatchCreatePartition book_fatura", "BatchCreatePartition book_fatura"));
        assertEquals(expected, describe(calls));
        List<Call> batches = of(calls, "BatchCreatePartition");
        assertEquals(100, batches.get(0).body().get("PartitionInputList").size());
        assertEquals(30, batches.get(1).body().get("PartitionInputList").size());
        assertPartition(batches.get(0).body().at("/PartitionInputList/0"), TABLES.get("book_fatura"), "2014", "01");
        assertPartition(batches.get(1).body().at("/PartitionInputList/29"), TABLES.get("book_fatura"), "2024", "10");
    }

    @Test
    void aLoadOfManyMonthsDefinesTheTablesOnceThenOnlyAddsPartitions() throws Exception {
        GlueCatalogRegistrar registrar = glue.registrar(LAKE);
        registrar.register(new Update(List.of(JAN), List.of(JAN)));
        glue.reset();

        registrar.register(new Update(List.of(JAN.plusMonths(1)), List.of(JAN.plusMonths(1))));

        List<String> expected = new ArrayList<>();
        TABLES.keySet().forEach(t -> expected.add("BatchCreatePartition " + t));
        assertEquals(expected, describe(glue.calls()));
    }

    @Test
    void aFailedRegistrationIsRetriedWholeByTheSameRegistrar() throws Exception {
        GlueCatalogRegistrar registrar = glue.registrar(LAKE);
        glue.answer("UpdateTable", "book_fatura", error("AccessDeniedException", "not authorized"));
        glue.answer("CreateTable", "book_fatura", error("AlreadyExistsException", "Table already exists."));
        assertThrows(CatalogException.class, () -> registrar.register(new Update(List.of(JAN), List.of(JAN))));
        glue.reset();

        registrar.register(new Update(List.of(JAN), List.of(JAN)));

        assertTrue(describe(glue.calls()).contains("CreateTable book_fatura"), "tables not marked done after a failure");
    }

    @Test
    void throttlingIsRetried() throws Exception {
        glue.answerOnce("CreateTable", "tb_faturas", error("ThrottlingException", "Rate exceeded"), ok("{}"));
        glue.answerOnce("BatchCreatePartition", "book_fatura", error("ThrottlingException", "Rate exceeded"), ok("{}"));

        glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN)));

        List<String> calls = describe(glue.calls());
        assertEquals(2, calls.stream().filter("CreateTable tb_faturas"::equals).count(), calls.toString());
        assertEquals(2, calls.stream().filter("BatchCreatePartition book_fatura"::equals).count(), calls.toString());
        assertEquals(1, calls.stream().filter("CreateTable book_fatura"::equals).count(), calls.toString());
        assertEquals("BatchCreatePartition book_fatura", calls.get(calls.size() - 1));
    }

    @Test
    void accessDeniedFailsNamingTheCallAndTheTableWithoutRetrying() throws Exception {
        String denied = "User: arn:aws:sts::123456789012:assumed-role/pod-cartoes-app/flink is not authorized to "
                + "perform: glue:CreateTable on resource: arn:aws:glue:us-east-1:123456789012:table/pod_cartoes/tb_pagamentos";
        glue.answer("CreateTable", "tb_pagamentos", error("AccessDeniedException", denied));

        CatalogException e = assertThrows(CatalogException.class,
                () -> glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN))));

        assertTrue(e.getMessage().contains("CreateTable"), e.getMessage());
        assertTrue(e.getMessage().contains("pod_cartoes.tb_pagamentos"), e.getMessage());
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
        assertTrue(RunReport.message(e).contains(denied), "the report keeps AWS's own words: " + RunReport.message(e));
        List<String> calls = describe(glue.calls());
        assertEquals(List.of("GetDatabase pod_cartoes", "CreateTable tb_faturas", "CreateTable tb_pagamentos"), calls,
                "not retried, nothing after the failure");
    }

    @Test
    void accessDeniedOnTheDatabaseNamesTheDatabase() throws Exception {
        glue.answer("GetDatabase", null, error("AccessDeniedException", "not authorized to perform: glue:GetDatabase"));
        CatalogException e = assertThrows(CatalogException.class,
                () -> glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN))));
        assertTrue(e.getMessage().contains("GetDatabase") && e.getMessage().contains("banco pod_cartoes"), e.getMessage());
    }

    @Test
    void aPartitionErrorOtherThanAlreadyExistsNamesThePartition() throws Exception {
        glue.answer("BatchCreatePartition", "book_fatura", ok("{\"Errors\":[{\"PartitionValues\":[\"2024\",\"01\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"ResourceNumberLimitExceededException\",\"ErrorMessage\":\"Too many\"}}]}"));
        CatalogException e = assertThrows(CatalogException.class,
                () -> glue.registrar(LAKE).register(new Update(List.of(JAN), List.of(JAN))));
        assertTrue(e.getMessage().contains("ano=2024/mes=01") && e.getMessage().contains("pod_cartoes.book_fatura")
                && e.getMessage().contains("ResourceNumberLimitExceededException"), e.getMessage());
        assertFalse(describe(glue.calls()).contains("UpdatePartition book_fatura"));
    }

    @Test
    void anS3aLakeIsRegisteredWithS3Locations() throws Exception {
        glue.registrar("s3a://pod-lake-bucket/lake/").register(new Update(List.of(JAN), List.of(JAN)));
        List<Call> calls = glue.calls();
        for (Call c : calls) {
            assertFalse(c.body().toString().contains("s3a:"), c.body().toString());
        }
        assertEquals(LAKE + "/curated/tb_faturas/", of(calls, "CreateTable").get(0).body()
                .at("/TableInput/StorageDescriptor/Location").asText());
    }

    @Test
    void aLakeOutsideS3IsAUsageError() {
        for (String lake : List.of("lake", "/tmp/lake", "file:///tmp/lake", "s3://")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LakeCatalog(lake), lake);
            assertTrue(e.getMessage().contains("s3://") && e.getMessage().contains(lake), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new GlueCatalogRegistrar(glue::client, "Pod-Cartoes", new LakeCatalog(LAKE)));
    }

    @Test
    void theCliFactoryUsesTheSdkDefaultChainsAndTheEndpointOverride() throws Exception {
        // The default chains read these system properties first (before the environment and profiles).
        Map<String, String> props = Map.of("aws.region", "sa-east-1", "aws.accessKeyId", "AKIADEFAULTCHAIN",
                "aws.secretAccessKey", "default-chain-secret");
        Map<String, String> old = new LinkedHashMap<>();
        props.forEach((k, v) -> old.put(k, System.setProperty(k, v)));
        try {
            PipelineOptions options = new PipelineOptions("landing", LAKE, 0, 1, Duration.ofSeconds(1), null, "glue",
                    "pod_cartoes_teste", glue.endpoint(), null, false, 0.11, 10, PipelineOptions.DEFAULT_SPLIT_SIZE, 1.0);
            GlueCatalogRegistrar registrar = GlueCatalogRegistrar.create(options);
            assertEquals("glue", registrar.name());
            registrar.register(new Update(List.of(JAN), List.of(JAN)));
        } finally {
            old.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        List<Call> calls = glue.calls();
        assertEquals(11, calls.size(), describe(calls).toString());
        for (Call c : calls) {
            assertTrue(c.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIADEFAULTCHAIN/"), c.authorization());
            assertTrue(c.authorization().contains("/sa-east-1/glue/aws4_request"), c.authorization());
        }
        assertEquals("pod_cartoes_teste", of(calls, "CreateTable").get(0).body().get("DatabaseName").asText());
    }

    // --- assertions on the wire format ---

    static void assertTable(JsonNode input, Expected t) {
        String name = input.get("Name").asText();
        assertEquals("EXTERNAL_TABLE", input.get("TableType").asText(), name);
        assertEquals("parquet", input.at("/Parameters/classification").asText(), name);
        assertEquals("TRUE", input.at("/Parameters/EXTERNAL").asText(), name);
        assertFalse(input.path("Description").asText().isBlank(), name);
        JsonNode keys = input.get("PartitionKeys");
        assertEquals(2, keys.size());
        assertEquals("ano", keys.get(0).get("Name").asText());
        assertEquals("string", keys.get(0).get("Type").asText());
        assertEquals("mes", keys.get(1).get("Name").asText());
        assertEquals("string", keys.get(1).get("Type").asText());
        assertStorage(input.get("StorageDescriptor"), t, LAKE + t.folder());
    }

    static void assertPartition(JsonNode input, Expected t, String year, String month) {
        assertEquals(List.of(year, month), strings(input.get("Values")));
        assertStorage(input.get("StorageDescriptor"), t, LAKE + t.folder() + "ano=" + year + "/mes=" + month + "/");
    }

    static void assertStorage(JsonNode sd, Expected t, String location) {
        assertEquals(location, sd.get("Location").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", sd.get("InputFormat").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", sd.get("OutputFormat").asText());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                sd.at("/SerdeInfo/SerializationLibrary").asText());
        JsonNode cols = sd.get("Columns");
        assertEquals(t.columns().size(), cols.size(), location);
        for (int i = 0; i < cols.size(); i++) {
            TableColumn c = t.columns().get(i);
            JsonNode col = cols.get(i);
            assertEquals(c.name(), col.get("Name").asText());
            assertEquals(c.name().toLowerCase(java.util.Locale.ROOT), col.get("Name").asText());
            assertEquals(c.sqlType().toLowerCase(java.util.Locale.ROOT), col.get("Type").asText(), c.name());
            assertEquals(c.description(), col.get("Comment").asText(), c.name());
        }
    }

    /** {@code Operation name}: the database or table each call was about. */
    static List<String> describe(List<Call> calls) {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            JsonNode b = c.body();
            String subject = b.has("TableInput") ? b.at("/TableInput/Name").asText()
                    : b.has("TableName") ? b.get("TableName").asText()
                    : b.has("DatabaseInput") ? b.at("/DatabaseInput/Name").asText()
                    : b.path("Name").asText();
            out.add(c.operation() + " " + subject);
        }
        return out;
    }

    static List<Call> of(List<Call> calls, String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
