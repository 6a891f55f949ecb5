package br.com.podcartoes.deploy;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth/deploy} (cdk.json) and {@code mvn package} (exec-maven-plugin) both run this main.
 *
 * <p>Stacks: PodCartoesArtifacts (the jar's bucket; skipped when context artifactsBucket names one),
 * PodCartoesLake (everything else) and PodCartoesBilling (the EstimatedCharges alarm, in us-east-1).
 */
public final class PodCartoesApp {
    public static final String ARTIFACTS_STACK = "PodCartoesArtifacts";
    public static final String LAKE_STACK = "PodCartoesLake";
    public static final String BILLING_STACK = "PodCartoesBilling";

    /**
     * Feature flags this app relies on: S3 server access logs are granted through the bucket policy
     * (the ACL alternative conflicts with BucketOwnerEnforced).
     */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
            // The lake stack imports the artifacts bucket's name: keep the export protected while it is used.
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    public record Stacks(ArtifactsStack artifacts, PodCartoesLakeStack lake, BillingAlarmStack billing) {
    }

    public static void main(String[] args) {
        // The CLI sets CDK_OUTDIR itself; `mvn package` passes target/cdk.out as a system property.
        String outdir = System.getenv("CDK_OUTDIR") == null ? System.getProperty("podcartoes.cdk.outdir") : null;
        App app = newApp(outdir, Map.of());
        build(app, DeployConfig.fromContext(key -> {
            Object value = app.getNode().tryGetContext(key);
            // The region deployed to picks the default KPU price: -c region=, else the CLI's CDK_DEFAULT_REGION.
            return value == null && "region".equals(key) ? System.getenv("CDK_DEFAULT_REGION") : value;
        }));
        app.synth();
    }

    /** An app with this project's feature flags; context given here is overridden by -c/cdk.json context. */
    public static App newApp(String outdir, Map<String, Object> context) {
        Map<String, Object> merged = new HashMap<>(FEATURE_FLAGS);
        merged.putAll(context);
        AppProps.Builder props = AppProps.builder().context(merged);
        if (outdir != null) {
            props.outdir(outdir);
        }
        return new App(props.build());
    }

    public static Stacks build(App app, DeployConfig config) {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        // Without credentials both are absent and the stacks are environment-agnostic: synth works offline.
        Environment env = Environment.builder().account(account).region(region).build();

        ArtifactsStack artifactsStack = config.artifactsBucket() != null ? null
                : new ArtifactsStack(app, ARTIFACTS_STACK, StackProps.builder().env(env)
                        .description("PoD Cartoes: bucket do jar da aplicacao Flink").build());

        PodCartoesLakeStack lake = new PodCartoesLakeStack(app, LAKE_STACK, StackProps.builder().env(env)
                .description("PoD Cartoes: data lake, catalogo, aplicacao Managed Flink, execucao mensal, alertas e custos")
                .build(), config, artifactsStack != null ? artifactsStack.bucket() : null);
        BillingAlarmStack billing = new BillingAlarmStack(app, BILLING_STACK, StackProps.builder()
                .env(Environment.builder().account(account).region(BillingAlarmStack.REGION).build())
                .description("PoD Cartoes: alarme de faturamento (EstimatedCharges so existe em us-east-1)")
                .build(), config);

        CostControls.tagEverything(app);
        return new Stacks(artifactsStack, lake, billing);
    }

    private PodCartoesApp() {
    }
}
