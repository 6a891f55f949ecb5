package br.com.podcartoes.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Managed Service for Apache Flink application that runs pod-cartoes-lake.jar. It is created stopped;
 * only the monthly workflow starts it (and always stops it), because it bills per KPU-hour while running.
 */
public final class FlinkApplication extends Construct {
    /** The Managed Flink runtime string for Flink 2.2 (kinesisanalyticsv2 RuntimeEnvironment). */
    public static final String RUNTIME = "FLINK-2_2";
    public static final String PROPERTY_GROUP = "pipeline";
    /** Values of month/run-id until the workflow sets them: the job refuses to run on them. */
    public static final String UNSET = "unset";

    private final DeployConfig config;
    private final LakeStorage storage;
    private final CatalogAndAthena catalog;
    private final CfnApplication application;
    private final LogGroup logGroup;

    public FlinkApplication(Construct scope, String id, DeployConfig config, LakeStorage storage,
                            CatalogAndAthena catalog, Role role, IBucket artifacts) {
        super(scope, id);
        this.config = config;
        this.storage = storage;
        this.catalog = catalog;

        logGroup = LogGroup.Builder.create(this, "Logs")
                // A fixed name: the failure notification links to it.
                .logGroupName(logGroupName(config.applicationName()))
                .retention(retention(config.logRetentionDays()))
                // Job logs can quote input lines: encrypted with the project key, like the lake.
                .encryptionKey(storage.key())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogStream logStream = LogStream.Builder.create(this, "LogStream")
                .logGroup(logGroup)
                .logStreamName("application")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadApplicationJar")
                .actions(List.of("s3:GetObject", "s3:GetObjectVersion"))
                .resources(List.of(artifacts.arnForObjects(config.artifactsKey())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("DescribeLogGroups")
                .actions(List.of("logs:DescribeLogGroups"))
                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteApplicationLogs")
                .actions(List.of("logs:DescribeLogStreams", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn(), logStreamArn(logStream)))
                .build());

        application = CfnApplication.Builder.create(this, "Application")
                .applicationName(config.applicationName())
                .applicationDescription("PoD Cartoes: carga mensal do data lake (job Flink em lote)")
                .runtimeEnvironment(RUNTIME)
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(artifacts.getBucketArn())
                                                .fileKey(config.artifactsKey())
                                                .build())
                                        .build())
                                .build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(List.of(CfnApplication.PropertyGroupProperty.builder()
                                        .propertyGroupId(PROPERTY_GROUP)
                                        .propertyMap(pipelineProperties(UNSET, UNSET))
                                        .build()))
                                .build())
                        .flinkApplicationConfiguration(CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                // A bounded batch job: nothing to checkpoint, and a restart re-runs the month.
                                .checkpointConfiguration(CfnApplication.CheckpointConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .checkpointingEnabled(false)
                                        .build())
                                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .logLevel("INFO")
                                        .metricsLevel("APPLICATION")
                                        .build())
                                // Fixed parallelism, no autoscaling: the cost of a run stays predictable.
                                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .parallelism(config.parallelism())
                                        .parallelismPerKpu(config.parallelismPerKpu())
                                        .autoScalingEnabled(false)
                                        .build())
                                .build())
                        // Snapshots off: a batch job has no state worth restoring, and a snapshot on stop
                        // would only add time (and storage) to every monthly run.
                        .applicationSnapshotConfiguration(CfnApplication.ApplicationSnapshotConfigurationProperty.builder()
                                .snapshotsEnabled(false)
                                .build())
                        .build())
                .build();
        // The role must carry its policies before Managed Flink validates the application against it.
        application.getNode().addDependency(role);

        CfnApplicationCloudWatchLoggingOption logging = CfnApplicationCloudWatchLoggingOption.Builder.create(this, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn(logStreamArn(logStream))
                        .build())
                .build();
        logging.getNode().addDependency(application);
    }

    /**
     * The property group {@value #PROPERTY_GROUP} the job reads. The workflow writes the same map with the month
     * and run id filled in (UpdateApplication replaces the whole group, so it must carry every key).
     */
    public Map<String, String> pipelineProperties(String month, String runId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("command", "run");
        properties.put("lake", storage.lakeUri());
        properties.put("landing", storage.lakeUri() + "/" + LakeLayout.LANDING.replace("/", ""));
        properties.put("catalog", "glue");
        properties.put("glue-database", catalog.databaseName());
        properties.put("month", month);
        properties.put("run-id", runId);
        properties.put("kpu-price-usd", config.kpuPriceUsd().toPlainString());
        return properties;
    }

    public static String logGroupName(String applicationName) {
        return "/aws/kinesis-analytics/" + applicationName;
    }

    private String logStreamArn(LogStream stream) {
        return "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:"
                + logGroup.getLogGroupName() + ":log-stream:" + stream.getLogStreamName();
    }

    /** CloudWatch accepts only these retention periods: the shortest one that covers the requested days. */
    static RetentionDays retention(int days) {
        int[] allowed = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
        RetentionDays[] values = {RetentionDays.ONE_DAY, RetentionDays.THREE_DAYS, RetentionDays.FIVE_DAYS,
                RetentionDays.ONE_WEEK, RetentionDays.TWO_WEEKS, RetentionDays.ONE_MONTH, RetentionDays.TWO_MONTHS,
                RetentionDays.THREE_MONTHS, RetentionDays.FOUR_MONTHS, RetentionDays.FIVE_MONTHS, RetentionDays.SIX_MONTHS,
                RetentionDays.ONE_YEAR, RetentionDays.THIRTEEN_MONTHS, RetentionDays.EIGHTEEN_MONTHS, RetentionDays.TWO_YEARS,
                RetentionDays.THREE_YEARS, RetentionDays.FIVE_YEARS, RetentionDays.SIX_YEARS, RetentionDays.SEVEN_YEARS,
                RetentionDays.EIGHT_YEARS, RetentionDays.NINE_YEARS, RetentionDays.TEN_YEARS};
        for (int i = 0; i < allowed.length; i++) {
            if (allowed[i] >= days) {
                return values[i];
            }
        }
        return RetentionDays.INFINITE;
    }

    public String applicationName() {
        return config.applicationName();
    }

    public String applicationArn() {
        return "arn:" + Aws.PARTITION + ":kinesisanalytics:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                + ":application/" + config.applicationName();
    }

    public CfnApplication application() {
        return application;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
