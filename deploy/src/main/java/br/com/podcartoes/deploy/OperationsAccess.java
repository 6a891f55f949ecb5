package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The roles that run the system rather than read its data, so nobody needs administrator access for a month:
 * <ul>
 *   <li>landing writer (the issuer's delivery): PutObject on landing/ and nothing else, not even a listing;</li>
 *   <li>operator: start/stop/describe/update the application (a re-run, the rollback command of issue #12),
 *       its logs, the monthly state machine, the lock (a lease for a run by hand), the dead-letter queue,
 *       the project's alarms (delivery check), and reading _runs/. No access to the data layers.</li>
 * </ul>
 */
public final class OperationsAccess extends Construct {
    static final List<String> APPLICATION_ACTIONS = List.of("kinesisanalytics:DescribeApplication",
            "kinesisanalytics:StartApplication", "kinesisanalytics:StopApplication", "kinesisanalytics:UpdateApplication",
            "kinesisanalytics:ListApplicationVersions");
    static final List<String> LOG_READ = List.of("logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams");

    public static final String LANDING_WRITER_ROLE = "pod-cartoes-entrega-landing";
    public static final String OPERATOR_ROLE = "pod-cartoes-operador";

    private final Role landingWriter;
    private final ManagedPolicy landingWriterPolicy;
    private final Role operator;
    private final ManagedPolicy operatorPolicy;

    public OperationsAccess(Construct scope, String id, LakeStorage storage, FlinkApplication application,
                            IRole applicationRole, IStateMachine monthlyRun, RunLock lock, IQueue deadLetters,
                            List<String> logGroupNames) {
        super(scope, id);
        String lakeKeyViaS3 = "s3." + Aws.REGION + ".amazonaws.com";

        landingWriterPolicy = ManagedPolicy.Builder.create(this, "LandingWriterPolicy")
                .managedPolicyName("pod-cartoes-entrega-landing")
                .description("PoD Cartoes: entrega dos arquivos mensais em landing/ (somente escrita)")
                .statements(List.of(
                        LakeAccess.allow("PutLandingFiles", List.of("s3:PutObject", "s3:AbortMultipartUpload"),
                                List.of(storage.bucket().arnForObjects(LakeLayout.LANDING + "*"))),
                        // SSE-KMS writes need a data key; multipart uploads also decrypt it.
                        PolicyStatement.Builder.create().sid("EncryptThroughS3")
                                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                                .resources(List.of(storage.key().getKeyArn()))
                                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", lakeKeyViaS3)))
                                .build()))
                .build();
        landingWriter = role("LandingWriter", LANDING_WRITER_ROLE, landingWriterPolicy);

        String account = ":" + Aws.ACCOUNT_ID + ":";
        String logs = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + account + "log-group:";
        operatorPolicy = ManagedPolicy.Builder.create(this, "OperatorPolicy")
                .managedPolicyName("pod-cartoes-operador")
                .description("PoD Cartoes: operar um mes (aplicacao, execucoes, trava, logs, relatorios de _runs/)")
                .statements(List.of(
                        LakeAccess.allow("OperateApplication", APPLICATION_ACTIONS, List.of(application.applicationArn())),
                        PolicyStatement.Builder.create().sid("PassApplicationRole")
                                .actions(List.of("iam:PassRole"))
                                .resources(List.of(applicationRole.getRoleArn()))
                                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "kinesisanalytics.amazonaws.com")))
                                .build(),
                        LakeAccess.allow("ReadLogs", LOG_READ, logGroupNames.stream()
                                .flatMap(name -> java.util.stream.Stream.of(logs + name, logs + name + ":*")).toList()),
                        LakeAccess.allow("RunMonthly", List.of("states:StartExecution", "states:ListExecutions"),
                                List.of(monthlyRun.getStateMachineArn())),
                        LakeAccess.allow("FollowMonthlyRuns", List.of("states:DescribeExecution",
                                        "states:GetExecutionHistory", "states:StopExecution"),
                                List.of("arn:" + Aws.PARTITION + ":states:" + Aws.REGION + account + "execution:"
                                        + MonthlyRunWorkflow.STATE_MACHINE_NAME + ":*")),
                        LakeAccess.allow("HoldTheLock", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"),
                                List.of(lock.table().getTableArn())),
                        LakeAccess.allow("InspectDeadLetters", List.of("sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                                "sqs:GetQueueAttributes"), List.of(deadLetters.getQueueArn())),
                        // The delivery check after a deploy (README); the billing alarm lives in us-east-1.
                        LakeAccess.allow("CheckAlarmDelivery", List.of("cloudwatch:SetAlarmState", "cloudwatch:DescribeAlarms",
                                        "cloudwatch:DescribeAlarmHistory"),
                                List.of("arn:" + Aws.PARTITION + ":cloudwatch:*" + account + "alarm:" + AlarmPublishing.ALARM_PREFIX + "*")),
                        // The README's commands read the stack's outputs (bucket, state machine).
                        LakeAccess.allow("ReadStackOutputs", List.of("cloudformation:DescribeStacks"),
                                List.of("arn:" + Aws.PARTITION + ":cloudformation:" + Aws.REGION + account + "stack/"
                                        + PodCartoesApp.LAKE_STACK + "/*")),
                        LakeAccess.allow("ReadRunReports", List.of("s3:GetObject"),
                                List.of(storage.bucket().arnForObjects(LakeLayout.RUNS + "*"))),
                        PolicyStatement.Builder.create().sid("ListRunReports")
                                .actions(List.of("s3:ListBucket"))
                                .resources(List.of(storage.bucket().getBucketArn()))
                                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(LakeLayout.RUNS + "*"))))
                                .build(),
                        PolicyStatement.Builder.create().sid("DecryptThroughS3")
                                .actions(List.of("kms:Decrypt"))
                                .resources(List.of(storage.key().getKeyArn()))
                                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", lakeKeyViaS3)))
                                .build()))
                .build();
        operator = role("Operator", OPERATOR_ROLE, operatorPolicy);
    }

    /** Assumable from the account; who may assume it is decided in IAM / IAM Identity Center. */
    private Role role(String id, String name, ManagedPolicy policy) {
        return Role.Builder.create(this, id)
                .roleName(name)
                .assumedBy(new AccountRootPrincipal())
                .managedPolicies(List.of(policy))
                .build();
    }

    public Role landingWriter() {
        return landingWriter;
    }

    public ManagedPolicy landingWriterPolicy() {
        return landingWriterPolicy;
    }

    public Role operator() {
        return operator;
    }

    public ManagedPolicy operatorPolicy() {
        return operatorPolicy;
    }
}
