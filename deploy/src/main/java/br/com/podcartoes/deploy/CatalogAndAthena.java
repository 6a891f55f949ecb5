package br.com.podcartoes.deploy;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The Glue database the job registers its tables in, and the Athena workgroup analysts query through.
 * Each workgroup enforces its own settings, so every query lands its results encrypted in its role's place and
 * stops at the per-query scan limit: a forgotten WHERE clause cannot scan the whole lake.
 */
public final class CatalogAndAthena extends Construct {
    /**
     * One workgroup per role, each with its own results prefix: query results are copies of the data queried, so an
     * analyst must not read the results of a data engineer's query over raw/ or quarantine/.
     */
    public static final String ANALYSTS_WORKGROUP = "pod-cartoes-analistas";
    public static final String ENGINEERS_WORKGROUP = "pod-cartoes-engenharia";
    /** Results of each workgroup live under this prefix of the results bucket; IAM is scoped to it. */
    public static final String ANALYSTS_RESULTS = "athena-results/analistas/";
    public static final String ENGINEERS_RESULTS = "athena-results/engenharia/";

    private final String databaseName;
    private final CfnDatabase database;
    private final Bucket resultsBucket;
    private final CfnWorkGroup analystsWorkGroup;
    private final CfnWorkGroup engineersWorkGroup;

    public CatalogAndAthena(Construct scope, String id, DeployConfig config, LakeStorage storage) {
        super(scope, id);
        databaseName = config.glueDatabase();

        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("PoD Cartoes: tabelas do data lake (curated, refined) escritas pelo job Flink")
                        .locationUri(storage.lakeUri() + "/")
                        .build())
                .build();

        // Query results are copies of lake data: same key, short life.
        resultsBucket = Bucket.Builder.create(this, "AthenaResults")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(storage.key())
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-query-results")
                        .expiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        analystsWorkGroup = workGroup("AnalystsWorkGroup", ANALYSTS_WORKGROUP, ANALYSTS_RESULTS,
                "PoD Cartoes: consultas dos analistas sobre curated/ e refined/", config, storage);
        engineersWorkGroup = workGroup("EngineersWorkGroup", ENGINEERS_WORKGROUP, ENGINEERS_RESULTS,
                "PoD Cartoes: consultas da engenharia de dados sobre todas as camadas", config, storage);
    }

    private CfnWorkGroup workGroup(String id, String name, String resultsPrefix, String description, DeployConfig config,
                                   LakeStorage storage) {
        return CfnWorkGroup.Builder.create(this, id)
                .name(name)
                .description(description)
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(config.athenaBytesScannedCutoffPerQuery())
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation(resultsLocation(resultsPrefix))
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS")
                                        .kmsKey(storage.key().getKeyArn())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    public String resultsLocation(String resultsPrefix) {
        return "s3://" + resultsBucket.getBucketName() + "/" + resultsPrefix;
    }

    public String databaseName() {
        return databaseName;
    }

    public CfnDatabase database() {
        return database;
    }

    public Bucket resultsBucket() {
        return resultsBucket;
    }

    public CfnWorkGroup analystsWorkGroup() {
        return analystsWorkGroup;
    }

    public CfnWorkGroup engineersWorkGroup() {
        return engineersWorkGroup;
    }

    public String catalogArn() {
        return "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":catalog";
    }

    public String databaseArn() {
        return "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":database/" + databaseName;
    }

    /** Every table of the lake database, and nothing in other databases. */
    public String tablesArn() {
        return "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":table/" + databaseName + "/*";
    }

    public static String workGroupArn(String name) {
        return "arn:" + Aws.PARTITION + ":athena:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":workgroup/" + name;
    }
}
