package br.com.podcartoes.deploy;

import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket holding pod-cartoes-lake.jar. A stack of its own because Managed Flink checks the jar exists when
 * the application is created: deploy this, upload the jar, then deploy the lake stack (README).
 * Not created when context artifactsBucket names an existing bucket.
 */
public final class ArtifactsStack extends Stack {
    private final Bucket bucket;

    public ArtifactsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        bucket = Bucket.Builder.create(this, "Artifacts")
                .encryption(BucketEncryption.S3_MANAGED)
                // Versioned: a bad jar is rolled back by restoring the previous version.
                .versioned(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-old-jars").noncurrentVersionExpiration(Duration.days(180)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        CfnOutput.Builder.create(this, "ArtifactsBucketName")
                .value(bucket.getBucketName())
                .description("Upload pod-cartoes-lake.jar here before deploying PodCartoesLake")
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }
}
