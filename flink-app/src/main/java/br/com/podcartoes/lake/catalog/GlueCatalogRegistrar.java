package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.LakeLayout;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Registers the lake in the Glue Data Catalog after a run: the database when missing, the five tables
 * (created, or updated when they exist) and the partitions the run wrote (created, or updated when they
 * exist). Every step is idempotent, so a rerun repairs whatever a failed registration left behind.
 */
public final class GlueCatalogRegistrar implements CatalogRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalogRegistrar.class);
    /** BatchCreatePartition takes at most 100 partitions per call. */
    static final int PARTITIONS_PER_CALL = 100;
    /** What Athena accepts as a database name (and what deploy/ creates). */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,255}");

    private final Supplier<GlueClient> clients;
    private final String database;
    private final LakeCatalog catalog;
    /** Tables are (re)defined once per registrar: a load-history registers month after month with the same code. */
    private boolean tablesRegistered;

    /** @param clients opens a client for one registration (closed after it) */
    public GlueCatalogRegistrar(Supplier<GlueClient> clients, String database, LakeCatalog catalog) {
        this.clients = clients;
        this.database = databaseName(database);
        this.catalog = catalog;
    }

    /**
     * The registrar for {@code --catalog glue}. Usage errors (a lake not on S3, a bad database name or
     * endpoint, no region) surface here, before the run spends anything; credentials are resolved by the
     * SDK's default chain at the first call.
     */
    public static GlueCatalogRegistrar create(PipelineOptions options) {
        LakeCatalog catalog = new LakeCatalog(options.lake());
        String database = databaseName(options.glueDatabase());
        URI endpoint = GlueClients.endpoint(options.glueEndpoint());
        Region region = GlueClients.defaultRegion();
        // One provider for the registrar's life: it caches (and refreshes) role credentials across registrations.
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        return new GlueCatalogRegistrar(() -> GlueClients.create(endpoint, region, credentials), database, catalog);
    }

    static String databaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--glue-database inválido: " + name + " (letras minúsculas, dígitos e _)");
        }
        return name;
    }

    @Override
    public String name() {
        return "glue";
    }

    @Override
    public synchronized void register(Update update) {
        try (GlueClient glue = clients.get()) {
            if (!tablesRegistered) {
                ensureDatabase(glue);
                for (CatalogTable t : catalog.tables()) {
                    upsertTable(glue, t);
                }
                tablesRegistered = true;
            }
            for (Map.Entry<CatalogTable, List<YearMonth>> e : catalog.partitions(update).entrySet()) {
                upsertPartitions(glue, e.getKey(), e.getValue());
            }
        }
    }

    /** Creates the database only when missing: in AWS, deploy/ owns it and the job may not create databases. */
    private void ensureDatabase(GlueClient glue) {
        String target = "no banco " + database;
        boolean exists = call("GetDatabase", target, () -> {
            try {
                glue.getDatabase(r -> r.name(database));
                return true;
            } catch (EntityNotFoundException e) {
                return false;
            }
        });
        if (!exists) {
            call("CreateDatabase", target, () -> {
                try {
                    glue.createDatabase(r -> r.databaseInput(GlueTables.database(database, catalog.root())));
                    LOG.info("glue: banco {} criado", database);
                } catch (AlreadyExistsException e) {
                    LOG.info("glue: banco {} criado por outra execução", database);
                }
                return null;
            });
        }
    }

    private void upsertTable(GlueClient glue, CatalogTable t) {
        TableInput input = GlueTables.table(t);
        String target = "na tabela " + database + "." + t.name();
        boolean created = call("CreateTable", target, () -> {
            try {
                glue.createTable(r -> r.databaseName(database).tableInput(input));
                return true;
            } catch (AlreadyExistsException e) {
                return false;
            }
        });
        if (!created) {
            call("UpdateTable", target, () -> glue.updateTable(r -> r.databaseName(database).tableInput(input)));
        }
        LOG.info("glue: tabela {}.{} {}", database, t.name(), created ? "criada" : "atualizada");
    }

    private void upsertPartitions(GlueClient glue, CatalogTable t, List<YearMonth> months) {
        String target = "na tabela " + database + "." + t.name();
        int updated = 0;
        for (int from = 0; from < months.size(); from += PARTITIONS_PER_CALL) {
            List<PartitionInput> inputs = months.subList(from, Math.min(months.size(), from + PARTITIONS_PER_CALL))
                    .stream().map(m -> GlueTables.partition(t, m)).toList();
            BatchCreatePartitionResponse response = call("BatchCreatePartition", target,
                    () -> glue.batchCreatePartition(r -> r.databaseName(database).tableName(t.name())
                            .partitionInputList(inputs)));
            for (PartitionError error : response.errors()) {
                YearMonth month = month(error.partitionValues());
                String partition = "na partição " + LakeLayout.partition(month) + " de " + database + "." + t.name();
                String code = error.errorDetail() == null ? "?" : error.errorDetail().errorCode();
                if (!"AlreadyExistsException".equals(code)) {
                    throw new CatalogException("Glue BatchCreatePartition falhou " + partition + ": " + code + ": "
                            + (error.errorDetail() == null ? "" : error.errorDetail().errorMessage()), null);
                }
                // An existing partition may point elsewhere (an older layout, a manual fix): make it ours.
                call("UpdatePartition", partition, () -> glue.updatePartition(r -> r.databaseName(database)
                        .tableName(t.name()).partitionValueList(error.partitionValues())
                        .partitionInput(GlueTables.partition(t, month))));
                updated++;
            }
        }
        LOG.info("glue: {}.{} partições {}: {} criadas, {} atualizadas", database, t.name(), months,
                months.size() - updated, updated);
    }

    private static YearMonth month(List<String> values) {
        return YearMonth.of(Integer.parseInt(values.get(0)), Integer.parseInt(values.get(1)));
    }

    /** Runs one Glue call; a failure names the call and its target, the cause carries AWS's own message. */
    private static <T> T call(String operation, String target, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            String hint = "AccessDeniedException".equals(code)
                    ? " (o papel do job não tem permissão: confira a política glue:" + operation + ")" : "";
            throw new CatalogException("Glue " + operation + " falhou " + target + ": " + code + " (HTTP "
                    + e.statusCode() + ")" + hint, e);
        } catch (SdkException e) {
            throw new CatalogException("Glue " + operation + " falhou " + target + ": sem resposta válida do Glue",
                    e);
        }
    }
}
