package br.com.podcartoes.deploy;

import java.util.List;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The product's AWS side in one region: each construct below does one job. */
public final class PodCartoesLakeStack extends Stack {
    private final LakeStorage storage;
    private final CatalogAndAthena catalog;
    private final LakeAccess access;
    private final LakeFormationAccess lakeFormation;
    private final FlinkApplication application;
    private final Notifications notifications;
    private final RunLock lock;
    private final MonthlyRunWorkflow workflow;
    private final ScheduleDeadLetters deadLetters;
    private final ApplicationGuard guard;
    private final AbandonedRunCleanup cleanup;
    private final ReportDeadlineCheck reportDeadline;
    private final OperationsAccess operations;
    private final OperationalAlarms alarms;
    private final QuickSightAnalytics quickSight;
    private final OperationsDashboard dashboard;
    private final CostControls costs;

    public PodCartoesLakeStack(Construct scope, String id, StackProps props, DeployConfig config, IBucket artifacts) {
        super(scope, id, props);
        if (config.usesPlaceholderEmail()) {
            Annotations.of(this).addWarningV2("podcartoes:placeholder-email",
                    "notificationEmail is the placeholder " + DeployConfig.PLACEHOLDER_EMAIL
                            + ": pass -c notificationEmail=... or nobody hears about runs, alarms and budgets");
        }

        // artifacts is null when context artifactsBucket names an existing bucket: imported, not managed here.
        IBucket jarBucket = artifacts != null ? artifacts
                : Bucket.fromBucketName(this, "ArtifactsBucket", config.artifactsBucket());

        storage = new LakeStorage(this, "Storage", config);
        catalog = new CatalogAndAthena(this, "Catalog", config, storage);
        access = new LakeAccess(this, "Access", storage, catalog, config.lakeFormation());
        lakeFormation = config.lakeFormation() ? new LakeFormationAccess(this, "LakeFormation", storage, catalog,
                access.applicationRole(), roleArn(LakeAccess.ANALYST_ROLE), roleArn(LakeAccess.DATA_ENGINEER_ROLE)) : null;
        if (lakeFormation != null) {
            storage.allowKeyUse("LakeFormationReadsRegisteredLocation",
                    List.of(roleArn(LakeFormationAccess.SERVICE_LINKED_ROLE)));
            lakeFormation.grants().forEach(g -> g.getNode().addDependency(access));
        }
        application = new FlinkApplication(this, "Flink", config, storage, catalog, access.applicationRole(), jarBucket);
        notifications = new Notifications(this, "Notifications", config);
        lock = new RunLock(this, "Lock");
        deadLetters = new ScheduleDeadLetters(this, "DeadLetters", notifications.topic());
        workflow = new MonthlyRunWorkflow(this, "MonthlyRun", config, storage, application,
                access.applicationRole(), notifications, lock, deadLetters.queue());
        access.allowManualRuns(workflow.stateMachine(), MonthlyRunWorkflow.STATE_MACHINE_NAME);
        guard = new ApplicationGuard(this, "Guard", config, application, workflow.stateMachine(), lock,
                notifications.topic(), deadLetters.queue(), storage.key());
        cleanup = new AbandonedRunCleanup(this, "Cleanup", config, application, workflow.stateMachine(), lock,
                notifications.topic(), deadLetters.queue(), storage.key());
        reportDeadline = new ReportDeadlineCheck(this, "ReportDeadline", config, storage, notifications.topic(),
                deadLetters.queue());
        operations = new OperationsAccess(this, "Operations", storage, application, access.applicationRole(),
                workflow.stateMachine(), lock, deadLetters.queue(), List.of(
                        FlinkApplication.logGroupName(config.applicationName()),
                        "/aws/vendedlogs/states/" + MonthlyRunWorkflow.STATE_MACHINE_NAME,
                        "/aws/vendedlogs/states/" + ApplicationGuard.STATE_MACHINE_NAME,
                        "/aws/vendedlogs/states/" + AbandonedRunCleanup.STATE_MACHINE_NAME));
        storage.allowKeyUse("LakeRolesThroughS3", List.of(access.applicationRole().getRoleArn(),
                roleArn(LakeAccess.ANALYST_ROLE), roleArn(LakeAccess.DATA_ENGINEER_ROLE),
                roleArn(OperationsAccess.OPERATOR_ROLE), roleArn(OperationsAccess.LANDING_WRITER_ROLE),
                workflow.stateMachine().getRole().getRoleArn(), reportDeadline.stateMachine().getRole().getRoleArn()));
        notifications.allowPublishers(List.of(workflow.stateMachine().getRole(), guard.stateMachine().getRole(),
                cleanup.stateMachine().getRole()));
        alarms = new OperationalAlarms(this, "Alarms", workflow.stateMachine(), guard.stateMachine(),
                cleanup.stateMachine(), notifications.topic());
        quickSight = config.quicksight() ? new QuickSightAnalytics(this, "QuickSight", config, catalog) : null;
        if (quickSight != null) {
            // QuickSight queries Athena with its own service role, through S3: it must reach the lake key too.
            storage.allowKeyUse("QuickSightReadsThroughAthena", List.of(roleArn(QuickSightAnalytics.SERVICE_ROLE)));
        }
        dashboard = new OperationsDashboard(this, "Dashboard", config, application, workflow.stateMachine(),
                guard.stateMachine(), List.of(alarms.executionFailed(), alarms.executionTimedOut(), alarms.guardFailed(),
                        alarms.cleanupFailed(), deadLetters.alarm(), reportDeadline.alarm()));
        costs = new CostControls(this, "Costs", config, notifications.topic());

        output("LakeBucketName", storage.bucket().getBucketName(), "Upload monthly files to landing/ here");
        output("StateMachineArn", workflow.stateMachine().getStateMachineArn(),
                "Manual re-run: start an execution with {\"month\":\"YYYY-MM\"}");
        output("ApplicationName", application.applicationName(), "Managed Flink application");
        output("AnalystsWorkGroup", CatalogAndAthena.ANALYSTS_WORKGROUP, "Athena workgroup for analysts");
        output("EngineersWorkGroup", CatalogAndAthena.ENGINEERS_WORKGROUP, "Athena workgroup for data engineers");
        output("AnalystRoleArn", access.analystRole().getRoleArn(), "Role for analysts");
        output("DataEngineerRoleArn", access.dataEngineerRole().getRoleArn(), "Role for data engineers");
        output("OperatorRoleArn", operations.operator().getRoleArn(), "Role for operating a month (no data access)");
        output("LandingWriterRoleArn", operations.landingWriter().getRoleArn(), "Role for the issuer's delivery to landing/");
        output("NotificationTopicArn", notifications.topic().getTopicArn(), "Run results, alarms and budget alerts");
    }

    /** A fixed-name role's ARN as text: no reference, so no dependency (see LakeStorage.allowKeyUse). */
    private static String roleArn(String name) {
        return "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/" + name;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public LakeStorage storage() {
        return storage;
    }

    public CatalogAndAthena catalog() {
        return catalog;
    }

    public LakeAccess access() {
        return access;
    }

    /** Null unless context lakeFormation=true. */
    public LakeFormationAccess lakeFormation() {
        return lakeFormation;
    }

    public FlinkApplication application() {
        return application;
    }

    public Notifications notifications() {
        return notifications;
    }

    public RunLock lock() {
        return lock;
    }

    public MonthlyRunWorkflow workflow() {
        return workflow;
    }

    public ScheduleDeadLetters deadLetters() {
        return deadLetters;
    }

    public ApplicationGuard guard() {
        return guard;
    }

    public AbandonedRunCleanup cleanup() {
        return cleanup;
    }

    public ReportDeadlineCheck reportDeadline() {
        return reportDeadline;
    }

    public OperationsAccess operations() {
        return operations;
    }

    public OperationalAlarms alarms() {
        return alarms;
    }

    /** Null unless context quicksight=true. */
    public QuickSightAnalytics quickSight() {
        return quickSight;
    }

    public OperationsDashboard dashboard() {
        return dashboard;
    }

    public CostControls costs() {
        return costs;
    }
}
