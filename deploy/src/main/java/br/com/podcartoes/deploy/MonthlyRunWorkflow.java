package br.com.podcartoes.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.FailJsonataProps;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.PassJsonataProps;
import software.amazon.awscdk.services.stepfunctions.QueryLanguage;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitJsonataProps;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsServiceJsonataProps;
import software.constructs.Construct;

/**
 * The monthly run as a Step Functions state machine (JSONata), started by EventBridge Scheduler.
 *
 * <pre>
 * resolve month (input or previous calendar month) -> wait for both landing files (poll, deadline)
 *   -> application idle? -> set month/run-id properties -> start application
 *   -> poll for _runs/YYYY-MM/run-id.json (deadline; application must stay running)
 *   -> ALWAYS stop the application once it was started -> notify success or failure
 * </pre>
 *
 * No Lambda: every step is an AWS SDK integration, so there is no code to patch or runtime to upgrade.
 */
public final class MonthlyRunWorkflow extends Construct {
    public static final String STATE_MACHINE_NAME = "pod-cartoes-execucao-mensal";
    public static final String SCHEDULE_NAME = "pod-cartoes-mensal";
    /** The error the execution fails with, so alarms and humans see a run failure, not a generic one. */
    public static final String RUN_FAILED_ERROR = "PodCartoesRunFailed";
    static final String MONTH_REGEX = "/^[0-9]{4}-(0[1-9]|1[0-2])$/";
    static final List<String> RUNNING_STATUSES = List.of("STARTING", "RUNNING", "UPDATING", "AUTOSCALING");
    private static final List<String> TRANSIENT_ERRORS = List.of("States.TaskFailed", "States.Timeout");
    private static final RetryProps DEFAULT_RETRY = RetryProps.builder().errors(TRANSIENT_ERRORS)
            .maxAttempts(3).interval(Duration.seconds(20)).backoffRate(2).build();
    private static final RetryProps STOP_RETRY = RetryProps.builder().errors(TRANSIENT_ERRORS)
            .maxAttempts(6).interval(Duration.seconds(30)).backoffRate(2).build();

    private final DeployConfig config;
    private final LakeStorage storage;
    private final FlinkApplication application;
    private final Notifications notifications;
    private final RunMessages messages;
    private final StateMachine stateMachine;
    private final Schedule schedule;

    public MonthlyRunWorkflow(Construct scope, String id, DeployConfig config, LakeStorage storage,
                              FlinkApplication application, IRole applicationRole, Notifications notifications) {
        super(scope, id);
        this.config = config;
        this.storage = storage;
        this.application = application;
        this.notifications = notifications;
        this.messages = new RunMessages(storage.bucket().getBucketName(),
                FlinkApplication.logGroupName(config.applicationName()), config.billedKpus(), config.kpuPriceUsd().toPlainString());

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + STATE_MACHINE_NAME)
                .retention(FlinkApplication.retention(config.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(STATE_MACHINE_NAME)
                .comment("PoD Cartoes: execucao mensal (espera landing, roda o job Flink, sempre para a aplicacao, notifica)")
                .queryLanguage(QueryLanguage.JSONATA)
                .definitionBody(DefinitionBody.fromChainable(definition()))
                .timeout(executionTimeout(config))
                .tracingEnabled(false)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ERROR).includeExecutionData(true).build())
                .build();
        // Publishing to the encrypted topic needs the topic key too; grantPublish adds both.
        notifications.topic().grantPublish(stateMachine);
        // UpdateApplication re-submits the application's configuration, which names its execution role.
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("PassApplicationRole")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(applicationRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "kinesisanalytics.amazonaws.com")))
                .build());

        ScheduleGroup group = ScheduleGroup.Builder.create(this, "ScheduleGroup")
                .scheduleGroupName("pod-cartoes")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        schedule = Schedule.Builder.create(this, "Schedule")
                .scheduleName(SCHEDULE_NAME)
                .scheduleGroup(group)
                .description("PoD Cartoes: processa o mes anterior (dia " + config.scheduleDay() + ", "
                        + config.scheduleHour() + "h " + config.scheduleTimezone() + ")")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0")
                        .hour(Integer.toString(config.scheduleHour()))
                        .day(Integer.toString(config.scheduleDay()))
                        .month("*")
                        .year("*")
                        .timeZone(TimeZone.of(config.scheduleTimezone()))
                        .build()))
                // No month in the input: the state machine computes the previous calendar month.
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        .retryAttempts(3)
                        .maxEventAge(Duration.hours(6))
                        .build()))
                .build();
    }

    /** Long enough for the landing deadline, the job deadline and the stop retries, then the execution times out. */
    static Duration executionTimeout(DeployConfig config) {
        return Duration.minutes(config.landingWaitHours() * 60L + config.landingPollMinutes()
                + config.jobTimeoutMinutes() + config.jobPollMinutes() + 60);
    }

    private IChainable definition() {
        String bucket = storage.bucket().getBucketName();
        String appName = application.applicationName();

        // ---- terminal states -------------------------------------------------------------------------------
        Fail runFailed = Fail.jsonata(this, "RunFailed", FailJsonataProps.builder()
                .error(RUN_FAILED_ERROR)
                .cause("{% $failureStage & ': ' & $failureError %}")
                .build());
        Fail notificationFailed = Fail.jsonata(this, "NotificationFailed", FailJsonataProps.builder()
                .error("PodCartoesNotificationFailed")
                .cause("{% 'A execucao terminou (' & $outcome & ') mas a notificacao falhou' %}")
                .build());
        Succeed runSucceeded = Succeed.jsonata(this, "RunSucceeded");

        CallAwsService notifyFailure = publish("NotifyFailure", messages.failureSubject(), messages.failureMessage());
        notifyFailure.addCatch(runFailed, catchAll(Map.of()));
        notifyFailure.next(runFailed);
        CallAwsService notifySuccess = publish("NotifySuccess", messages.successSubject(), messages.successMessage());
        notifySuccess.addCatch(notificationFailed, catchAll(Map.of()));
        notifySuccess.next(runSucceeded);

        Choice runOutcome = Choice.jsonata(this, "RunOutcome")
                .when(Condition.jsonata("{% $outcome = 'SUCESSO' %}"), notifySuccess)
                .otherwise(notifyFailure);

        // ---- always-stop path: every state after StartApplication ends here --------------------------------
        // STARTING/UPDATING refuse a stop for a while: keep trying for ~30 minutes before giving up.
        CallAwsService stopApplication = sdk(STOP_RETRY, "StopApplication", "kinesisanalyticsv2", "stopApplication",
                "kinesisanalytics:StopApplication", List.of(application.applicationArn()),
                // Force: nothing to snapshot, and a stuck job must not keep billing.
                Map.of("ApplicationName", appName, "Force", true),
                Map.of("applicationStopped", true));
        stopApplication.addCatch(notifyFailure, catchAll(Map.of(
                "outcome", "FALHA",
                "failureStage", "parada-da-aplicacao",
                "failureError", "{% 'StopApplication falhou (' & $states.errorOutput.Error & '): a aplicacao pode "
                        + "continuar em execucao e cobrando; pare-a manualmente. Situacao anterior: ' & $failureStage & "
                        + "' ' & $failureError %}")));
        stopApplication.next(runOutcome);

        CallAwsService describeBeforeStop = sdk("DescribeApplicationBeforeStop", "kinesisanalyticsv2",
                "describeApplication", "kinesisanalytics:DescribeApplication", List.of(application.applicationArn()),
                Map.of("ApplicationName", appName),
                Map.of("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}"));
        describeBeforeStop.addCatch(stopApplication, catchAll(Map.of()));
        Choice needsStop = Choice.jsonata(this, "ApplicationNeedsStop")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), Pass.jsonata(this, "AlreadyStopped",
                        PassJsonataProps.builder().assign(Map.of("applicationStopped", true)).build()).next(runOutcome))
                .otherwise(stopApplication);
        describeBeforeStop.next(needsStop);
        IChainable stopGate = describeBeforeStop;

        // ---- failures before the application was started: nothing to stop -----------------------------------
        Map<String, Object> preparationFailure = failure("preparacao", null);

        // ---- waiting for the job ----------------------------------------------------------------------------
        Wait waitForJob = Wait.jsonata(this, "WaitForJob", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.minutes(config.jobPollMinutes()))).build());

        CallAwsService lookForReport = sdk("LookForRunReport", "s3", "listObjectsV2", "s3:ListBucket",
                List.of(storage.bucket().getBucketArn()),
                Map.of("Bucket", bucket, "Prefix", "{% $reportKey %}", "MaxKeys", 1),
                Map.of("reportReady", "{% $states.result.KeyCount > 0 and $states.result.Contents[0].Key = $reportKey %}"));
        lookForReport.addCatch(stopGate, catchAll(failure("monitoramento", null)));

        CallAwsService readReport = sdk("ReadRunReport", "s3", "getObject", "s3:GetObject",
                List.of(storage.bucket().arnForObjects(LakeLayout.RUNS + "*")),
                Map.of("Bucket", bucket, "Key", "{% $reportKey %}"),
                Map.of("report", "{% $parse($states.result.Body) %}"));
        readReport.addCatch(stopGate, catchAll(failure("monitoramento", null)));

        Choice reportResult = Choice.jsonata(this, "RunReportResult")
                .when(Condition.jsonata("{% $report.resultado = 'SUCESSO' %}"),
                        Pass.jsonata(this, "MarkSuccess", PassJsonataProps.builder()
                                .assign(Map.of("outcome", "SUCESSO")).build()).next(stopGate))
                .otherwise(Pass.jsonata(this, "ReportedFailure", PassJsonataProps.builder()
                        .assign(Map.of(
                                "outcome", "FALHA",
                                "failureStage", "{% $exists($report.etapa_falha) ? $report.etapa_falha : 'job' %}",
                                "failureError", "{% $exists($report.erro) ? $report.erro : 'resultado=' & $string($report.resultado) %}"))
                        .build()).next(stopGate));
        readReport.next(reportResult);

        CallAwsService checkRunning = sdk("CheckApplicationStatus", "kinesisanalyticsv2", "describeApplication",
                "kinesisanalytics:DescribeApplication", List.of(application.applicationArn()),
                Map.of("ApplicationName", appName),
                Map.of("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}"));
        checkRunning.addCatch(stopGate, catchAll(failure("monitoramento", null)));
        checkRunning.next(Choice.jsonata(this, "ApplicationStillRunning")
                .when(Condition.jsonata("{% $appStatus in " + jsonataList(RUNNING_STATUSES) + " %}"), waitForJob)
                .otherwise(Pass.jsonata(this, "ApplicationStoppedEarly", PassJsonataProps.builder()
                        .assign(failure("execucao", "{% 'A aplicacao saiu de RUNNING (' & $appStatus & ') sem escrever "
                                + "o relatorio ' & $reportKey %}"))
                        .build()).next(stopGate)));

        Choice reportWritten = Choice.jsonata(this, "RunReportWritten")
                .when(Condition.jsonata("{% $reportReady %}"), readReport)
                .when(Condition.jsonata("{% $toMillis($now()) >= $jobDeadline %}"),
                        Pass.jsonata(this, "JobTimedOut", PassJsonataProps.builder()
                                .assign(failure("tempo-limite", "O job nao escreveu o relatorio em "
                                        + config.jobTimeoutMinutes() + " minutos"))
                                .build()).next(stopGate))
                .otherwise(checkRunning);
        waitForJob.next(lookForReport);
        lookForReport.next(reportWritten);

        // ---- starting the run --------------------------------------------------------------------------------
        CallAwsService startApplication = sdk("StartApplication", "kinesisanalyticsv2", "startApplication",
                "kinesisanalytics:StartApplication", List.of(application.applicationArn()),
                Map.of("ApplicationName", appName,
                        "RunConfiguration", Map.of("ApplicationRestoreConfiguration",
                                Map.of("ApplicationRestoreType", "SKIP_RESTORE_FROM_SNAPSHOT"))),
                Map.of("startedAt", "{% $toMillis($now()) %}",
                        "jobDeadline", "{% $toMillis($now()) + " + config.jobTimeoutMinutes() * 60_000L + " %}"));
        // A start that failed half-way may still have left the application starting: stop it too.
        startApplication.addCatch(stopGate, catchAll(failure("inicio", null)));
        startApplication.next(waitForJob);

        CallAwsService setRunProperties = sdk("SetRunProperties", "kinesisanalyticsv2", "updateApplication",
                "kinesisanalytics:UpdateApplication", List.of(application.applicationArn()),
                Map.of("ApplicationName", appName,
                        "CurrentApplicationVersionId", "{% $appVersion %}",
                        "ApplicationConfigurationUpdate", Map.of("EnvironmentPropertyUpdates", Map.of(
                                "PropertyGroups", List.of(Map.of(
                                        "PropertyGroupId", FlinkApplication.PROPERTY_GROUP,
                                        "PropertyMap", application.pipelineProperties("{% $month %}", "{% $runId %}")))))),
                Map.of());
        setRunProperties.addCatch(notifyFailure, catchAll(preparationFailure));
        setRunProperties.next(startApplication);

        CallAwsService describeBeforeRun = sdk("DescribeApplicationBeforeRun", "kinesisanalyticsv2",
                "describeApplication", "kinesisanalytics:DescribeApplication", List.of(application.applicationArn()),
                Map.of("ApplicationName", appName),
                Map.of("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}",
                        "appVersion", "{% $states.result.ApplicationDetail.ApplicationVersionId %}"));
        describeBeforeRun.addCatch(notifyFailure, catchAll(preparationFailure));
        // Another execution (e.g. a manual re-run) owns a running application: never restart or stop it.
        describeBeforeRun.next(Choice.jsonata(this, "ApplicationIdle")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), setRunProperties)
                .otherwise(Pass.jsonata(this, "ApplicationBusy", PassJsonataProps.builder()
                        .assign(failure("preparacao", "{% 'A aplicacao esta em ' & $appStatus & ' (outra execucao em "
                                + "andamento?): nada foi iniciado nem parado' %}"))
                        .build()).next(notifyFailure)));

        // ---- waiting for the landing files -------------------------------------------------------------------
        CallAwsService checkFaturas = landingCheck("CheckFaturasInLanding", "faturasReady", "$faturasKey");
        CallAwsService checkPagamentos = landingCheck("CheckPagamentosInLanding", "pagamentosReady", "$pagamentosKey");
        checkFaturas.addCatch(notifyFailure, catchAll(failure("espera-landing", null)));
        checkPagamentos.addCatch(notifyFailure, catchAll(failure("espera-landing", null)));
        Wait waitForLanding = Wait.jsonata(this, "WaitForLandingFiles", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.minutes(config.landingPollMinutes()))).build());
        checkFaturas.next(checkPagamentos);
        checkPagamentos.next(Choice.jsonata(this, "LandingFilesReady")
                .when(Condition.jsonata("{% $faturasReady and $pagamentosReady %}"), describeBeforeRun)
                .when(Condition.jsonata("{% $toMillis($now()) >= $landingDeadline %}"),
                        Pass.jsonata(this, "LandingFilesMissing", PassJsonataProps.builder()
                                .assign(failure("espera-landing", "{% 'Arquivos ausentes apos "
                                        + config.landingWaitHours() + " h: ' & $join($filter([$faturasReady ? '' : "
                                        + "$faturasKey, $pagamentosReady ? '' : $pagamentosKey], function($k) "
                                        + "{ $k != '' }), ', ') %}"))
                                .build()).next(notifyFailure))
                .otherwise(waitForLanding));
        waitForLanding.next(checkFaturas);

        // ---- resolving the month -----------------------------------------------------------------------------
        Map<String, Object> resolve = new LinkedHashMap<>();
        // A manual re-run passes {"month":"YYYY-MM"}; the schedule passes {} and gets the previous calendar month.
        resolve.put("month", "{% ($exists($states.input.month) and $string($states.input.month) != '')"
                + " ? $string($states.input.month)"
                + " : $fromMillis($toMillis($substring($now(), 0, 7) & '-01T00:00:00.000Z') - 86400000, '[Y0001]-[M01]') %}");
        resolve.put("runId", "{% $fromMillis($toMillis($now()), '[Y0001][M01][D01]T[H01][m01][s01]Z') & '-'"
                + " & $substring($states.context.Execution.Name, 0, 8) %}");
        resolve.put("outcome", "FALHA");
        resolve.put("failureStage", "");
        resolve.put("failureError", "");
        resolve.put("applicationStopped", false);
        resolve.put("report", Map.of());
        resolve.put("startedAt", 0);
        Pass resolveRun = Pass.jsonata(this, "ResolveRun", PassJsonataProps.builder().assign(resolve).build());

        Map<String, Object> prepare = new LinkedHashMap<>();
        String yyyymm = "$substring($month, 0, 4) & $substring($month, 5, 2)";
        prepare.put("faturasKey", "{% '" + LakeLayout.faturasLandingKey("' & " + yyyymm + " & '") + "' %}");
        prepare.put("pagamentosKey", "{% '" + LakeLayout.pagamentosLandingKey("' & " + yyyymm + " & '") + "' %}");
        prepare.put("reportKey", "{% '" + LakeLayout.RUNS + "' & $month & '/' & $runId & '.json' %}");
        prepare.put("landingDeadline", "{% $toMillis($now()) + " + config.landingWaitHours() * 3_600_000L + " %}");
        Pass prepareRun = Pass.jsonata(this, "PrepareRun", PassJsonataProps.builder().assign(prepare).build());
        prepareRun.next(checkFaturas);

        resolveRun.next(Choice.jsonata(this, "MonthIsValid")
                .when(Condition.jsonata("{% $contains($month, " + MONTH_REGEX + ") %}"), prepareRun)
                .otherwise(Pass.jsonata(this, "InvalidMonth", PassJsonataProps.builder()
                        .assign(failure("entrada", "{% 'Mes invalido: ' & $month & ' (esperado YYYY-MM)' %}"))
                        .build()).next(notifyFailure)));
        return resolveRun;
    }

    private CallAwsService landingCheck(String id, String flag, String keyVariable) {
        return sdk(id, "s3", "listObjectsV2", "s3:ListBucket", List.of(storage.bucket().getBucketArn()),
                Map.of("Bucket", storage.bucket().getBucketName(), "Prefix", "{% " + keyVariable + " %}", "MaxKeys", 1),
                Map.of(flag, "{% $states.result.KeyCount > 0 and $states.result.Contents[0].Key = " + keyVariable + " %}"));
    }

    /** An AWS SDK call with a short retry on transient failures (throttling, 5xx). */
    private CallAwsService sdk(String id, String service, String action, String iamAction, List<String> resources,
                               Map<String, ?> arguments, Map<String, ?> assign) {
        return sdk(DEFAULT_RETRY, id, service, action, iamAction, resources, arguments, assign);
    }

    private CallAwsService sdk(RetryProps retry, String id, String service, String action, String iamAction,
                               List<String> resources, Map<String, ?> arguments, Map<String, ?> assign) {
        CallAwsServiceJsonataProps.Builder props = CallAwsServiceJsonataProps.builder()
                .service(service)
                .action(action)
                .iamAction(iamAction)
                .iamResources(resources)
                .parameters(arguments);
        if (!assign.isEmpty()) {
            props.assign(assign);
        }
        if ("s3:GetObject".equals(iamAction)) {
            // The report is SSE-KMS encrypted with the lake key.
            props.additionalIamStatements(List.of(PolicyStatement.Builder.create()
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of(storage.key().getKeyArn()))
                    .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com")))
                    .build()));
        }
        CallAwsService task = CallAwsService.jsonata(this, id, props.build());
        task.addRetry(retry);
        return task;
    }

    private CallAwsService publish(String id, String subject, String message) {
        return sdk(id, "sns", "publish", "sns:Publish", List.of(notifications.topic().getTopicArn()),
                Map.of("TopicArn", notifications.topic().getTopicArn(),
                        "Subject", subject,
                        "MessageStructure", "json",
                        "Message", message),
                Map.of());
    }

    /** Assignments recording where and why a run failed; error null = the caught error. */
    private static Map<String, Object> failure(String stage, String error) {
        return Map.of(
                "outcome", "FALHA",
                "failureStage", stage,
                "failureError", error != null ? error
                        : "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}");
    }

    private static CatchProps catchAll(Map<String, Object> assign) {
        CatchProps.Builder props = CatchProps.builder().errors(List.of("States.ALL"));
        if (!assign.isEmpty()) {
            props.assign(assign);
        }
        return props.build();
    }

    private static String jsonataList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "'" + v + "'").toList()) + "]";
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Schedule schedule() {
        return schedule;
    }
}
