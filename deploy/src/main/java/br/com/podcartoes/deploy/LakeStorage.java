package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The lake bucket: versioned (a bad month is rolled back by restoring versions), SSE-KMS with a key of its own
 * (so access to the data is also access to the key, and the key can be revoked), no public access, TLS only,
 * and lifecycle rules that keep storage cost flat as months accumulate.
 */
public final class LakeStorage extends Construct {
    /** The custom-resource Lambda that creates the prefix markers logs here. */
    static final String MARKERS_LOG_GROUP = "/aws/lambda/pod-cartoes-marcadores-de-prefixo";

    private final Key key;
    private final Bucket bucket;
    private final LogGroup markersLogs;

    public LakeStorage(Construct scope, String id, DeployConfig config) {
        super(scope, id);

        key = Key.Builder.create(this, "LakeKey")
                .alias("alias/pod-cartoes-lake")
                .description("PoD Cartoes: encrypts the data lake and Athena results")
                .enableKeyRotation(true)
                // Deleting the key would make every object unreadable: never tied to the stack's life.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // CloudWatch Logs encrypts the project's log groups (job logs, execution data) with this key: named here,
        // and only for those log groups.
        String logGroups = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:";
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsEncryptsProjectLogs")
                .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", List.of(
                        logGroups + FlinkApplication.logGroupName(config.applicationName()),
                        logGroups + "/aws/vendedlogs/states/pod-cartoes-*",
                        logGroups + MARKERS_LOG_GROUP))))
                .build());
        markersLogs = LogGroup.Builder.create(this, "PrefixMarkerLogs")
                .logGroupName(MARKERS_LOG_GROUP)
                .retention(FlinkApplication.retention(config.logRetentionDays()))
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        // Server access logs cannot go to an SSE-KMS bucket, hence S3-managed encryption here.
        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs").expiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        bucket = Bucket.Builder.create(this, "LakeBucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                // One data key per bucket instead of per object: cuts KMS request cost on large writes.
                .bucketKeyEnabled(true)
                .versioned(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("lake/")
                .lifecycleRules(lifecycleRules(config))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // CloudFormation types ObjectSizeGreaterThan as a string; CDK renders a number (lint W9003).
        List<LifecycleRule> rules = lifecycleRules(config);
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getObjectSizeGreaterThan() != null) {
                ((CfnBucket) bucket.getNode().getDefaultChild())
                        .addPropertyOverride("LifecycleConfiguration.Rules." + i + ".ObjectSizeGreaterThan", "0");
            }
        }

        protectRaw();
        createPrefixMarkers();
    }

    /**
     * raw/ is the lake's only copy of what the issuer delivered: nobody deletes there, whatever their IAM says.
     * S3 Object Lock was considered and not chosen: its default retention is bucket-wide (curated/ is replaced
     * every month), per-object retention would have to be set by the job, and governance mode can still be
     * bypassed by whoever holds s3:BypassGovernanceRetention. A deny in the bucket policy plus versioning, with
     * raw/'s old versions never expired, keeps every delivered byte at no extra cost; changing the policy is
     * itself a logged, reviewable act.
     */
    private void protectRaw() {
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("RawIsNeverDeleted")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"))
                .resources(List.of(bucket.arnForObjects(LakeLayout.RAW + "*")))
                .build());
    }

    /** raw/ to Standard-IA, then (unless 0) to Glacier Instant Retrieval: still read in milliseconds to reprocess. */
    private static List<Transition> rawTransitions(DeployConfig config) {
        List<Transition> transitions = new ArrayList<>();
        transitions.add(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                .transitionAfter(Duration.days(config.rawInfrequentAccessAfterDays())).build());
        if (config.rawArchiveAfterDays() > 0) {
            transitions.add(Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                    .transitionAfter(Duration.days(config.rawArchiveAfterDays())).build());
        }
        return transitions;
    }

    private static List<LifecycleRule> lifecycleRules(DeployConfig config) {
        List<LifecycleRule> rules = new ArrayList<>();
        // raw/ is read again only to reprocess a month: after a few months it is cheaper in Standard-IA.
        rules.add(LifecycleRule.builder()
                .id("raw-to-infrequent-access")
                .prefix(LakeLayout.RAW)
                .transitions(rawTransitions(config))
                .build());
        // No expiration of current objects under the table prefixes: quarantine/ and the others are Iceberg tables,
        // whose snapshots reference old data and manifest files; S3 deleting them would break the tables. Rows go
        // away through the tables (a DELETE, then the maintenance's snapshot expiry), never by object age.
        // The job copies each delivered file to raw/ within the landing wait; past landingExpirationDays the landing
        // copy is a duplicate (it stays as a noncurrent version for the rollback window). The folder marker stays.
        rules.add(LifecycleRule.builder()
                .id("landing-expiry")
                .prefix(LakeLayout.LANDING)
                .objectSizeGreaterThan(0)
                .expiration(Duration.days(config.landingExpirationDays()))
                .build());
        // Old versions are the last line of defence behind the rollback command (Iceberg never overwrites a file:
        // what becomes noncurrent was deleted by maintenance or by hand); past the window they only cost money.
        // Not in raw/: an overwritten delivered file (which the job never does) keeps its original bytes for good.
        for (String prefix : List.of(LakeLayout.LANDING, LakeLayout.CURATED, LakeLayout.QUARANTINE, LakeLayout.REFINED,
                LakeLayout.RUNS, LakeLayout.METRICS)) {
            rules.add(LifecycleRule.builder()
                    .id("expire-old-versions-" + prefix.replace("/", "").replace("_", ""))
                    .prefix(prefix)
                    .noncurrentVersionExpiration(Duration.days(config.noncurrentVersionRetentionDays()))
                    .build());
        }
        rules.add(LifecycleRule.builder()
                .id("clean-up-markers-and-uploads")
                .expiredObjectDeleteMarker(true)
                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                .build());
        return rules;
    }

    /**
     * Creates the empty "folder" objects so the layout is visible in the console and to tools that list
     * prefixes before the first run. S3 has no directories: these are zero-byte keys, like the console's.
     */
    private void createPrefixMarkers() {
        for (String prefix : LakeLayout.ALL) {
            String name = prefix.replace("/", "").replace("_", "");
            AwsCustomResource.Builder.create(this, "Prefix-" + name)
                    .onCreate(AwsSdkCall.builder()
                            .service("S3")
                            .action("putObject")
                            .parameters(Map.of("Bucket", bucket.getBucketName(), "Key", prefix, "Body", ""))
                            .physicalResourceId(PhysicalResourceId.of(prefix))
                            .build())
                    // The bucket is versioned and retained: the markers stay when the stack is deleted.
                    .policy(AwsCustomResourcePolicy.fromStatements(List.of(
                            PolicyStatement.Builder.create()
                                    .actions(List.of("s3:PutObject"))
                                    .resources(List.of(bucket.arnForObjects(prefix)))
                                    .build(),
                            PolicyStatement.Builder.create()
                                    .actions(List.of("kms:GenerateDataKey"))
                                    .resources(List.of(key.getKeyArn()))
                                    .build())))
                    .installLatestAwsSdk(false)
                    // Its own log group, with a retention: the default one would keep the Lambda's logs forever.
                    .logGroup(markersLogs)
                    .build();
        }
    }

    /**
     * Names in the key policy the roles that use the lake key, each only through S3. The roles are matched with
     * aws:PrincipalArn rather than as principals: a principal must exist when the key policy is written, and the
     * human roles' policies reference the bucket, which references the key (a cycle). The account root statement
     * stays (it lets IAM delegate, and avoids a locked-out key); the users of the key are visible in the key.
     */
    public void allowKeyUse(String sid, List<String> roleArns) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new AccountRootPrincipal()))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com"),
                        "ArnEquals", Map.of("aws:PrincipalArn", roleArns)))
                .build());
    }

    public LogGroup markersLogs() {
        return markersLogs;
    }

    public Key key() {
        return key;
    }

    public Bucket bucket() {
        return bucket;
    }

    /** s3://bucket */
    public String lakeUri() {
        return "s3://" + bucket.getBucketName();
    }
}
