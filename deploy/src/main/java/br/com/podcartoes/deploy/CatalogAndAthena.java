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
 * The workgroup enforces its own settings, so every query lands its results encrypted in one place and
 * stops at the per-query scan limit: a forgotten WHERE clause cannot scan the whole lake.
 */
public final class CatalogAndAthena extends Construct {
    public static final String WORKGROUP = "pod-cartoes";
    /** Results live under this prefix of the results bucket; IAM is scoped to it. */
    public static final String RESULTS_PREFIX = "athena-results/";

    private final String databaseName;
    private final CfnDatabase database;
    private final Bucket resultsBucket;
    private final CfnWorkGroup workGroup;

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

        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(WORKGROUP)
                .description("PoD Cartoes: consultas sobre curated/ e refined/")
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(config.athenaBytesScannedCutoffPerQuery())
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation(resultsLocation())
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS")
                                        .kmsKey(storage.key().getKeyArn())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    public String resultsLocation() {
        return "s3://" + resultsBucket.getBucketName() + "/" + RESULTS_PREFIX;
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

    public CfnWorkGroup workGroup() {
        return workGroup;
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

    public String workGroupArn() {
        return "arn:" + Aws.PARTITION + ":athena:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":workgroup/" + WORKGROUP;
    }
}
