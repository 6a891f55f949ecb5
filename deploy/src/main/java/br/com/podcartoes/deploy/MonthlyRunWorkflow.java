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
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.PassJsonataProps;
import software.amazon.awscdk.services.stepfunctions.QueryLanguage;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitJsonataProps;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * The monthly run as a Step Functions state machine (JSONata), started by EventBridge Scheduler.
 *
 * <pre>
 * resolve month (input or previous calendar month) -> wait for both landing files (poll, deadline)
 *   -> take the lock (one execution at a time) -> application idle? -> set month/run-id properties
 *   -> wait for READY -> start application
 *   -> poll for _runs/YYYY-MM/run-id.json (deadline; application must stay running)
 *   -> ALWAYS stop the application once it was started -> ALWAYS release the lock once taken
 *   -> notify success, or failure (after starting one automatic re-run when the failed stage is transient)
 * </pre>
 *
 * No Lambda: every step is an AWS SDK integration, so there is no code to patch or runtime to upgrade. The states
 * after the start (stop, release, figures, outcome, notifications) are built by {@link RunEnding}.
 */
public final class MonthlyRunWorkflow extends Construct {
    public static final String STATE_MACHINE_NAME = "pod-cartoes-execucao-mensal";
    public static final String SCHEDULE_NAME = "pod-cartoes-mensal";
    /** The error the execution fails with, so alarms and humans see a run failure, not a generic one. */
    public static final String RUN_FAILED_ERROR = "PodCartoesRunFailed";
    static final String MONTH_REGEX = "/^[0-9]{4}-(0[1-9]|1[0-2])$/";
    /** The job is still going: keep polling. MAINTENANCE is AWS patching a running application, not a stop. */
    static final List<String> RUNNING_STATUSES = List.of("STARTING", "RUNNING", "UPDATING", "AUTOSCALING", "MAINTENANCE");
    /**
     * Stages of the application's run report (etapa_falha) that can pass on their own: detection timing, S3 before
     * anything is committed. There is no catalog stage: Glue is called by the Iceberg commits inside the job.
     */
    static final List<String> TRANSIENT_STAGES = List.of("deteccao", "raw");
    /** The scheduled or manual execution plus one automatic re-run. */
    static final int MAX_ATTEMPTS = 2;
    static final int READY_WAIT_MINUTES = 10;
    static final int READY_POLL_SECONDS = 30;

    private final DeployConfig config;
    private final LakeStorage storage;
    private final FlinkApplication application;
    private final Notifications notifications;
    private final RunLock lock;
    private final RunMessages messages;
    private final StateMachine stateMachine;
    private final Schedule schedule;

    public MonthlyRunWorkflow(Construct scope, String id, DeployConfig config, LakeStorage storage,
                              FlinkApplication application, IRole applicationRole, Notifications notifications,
                              RunLock lock, IQueue deadLetters) {
        super(scope, id);
        this.lock = lock;
        this.config = config;
        this.storage = storage;
        this.application = application;
        this.notifications = notifications;
        this.messages = new RunMessages(storage.bucket().getBucketName(),
                FlinkApplication.logGroupName(config.applicationName()), config.billedKpus(), config.kpuPriceUsd().toPlainString());

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + STATE_MACHINE_NAME)
                .retention(FlinkApplication.retention(config.logRetentionDays()))
                // Execution data (report contents, errors) is logged: encrypted with the project key.
                .encryptionKey(storage.key())
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
                        // Not started after the retries: the event lands here and an alarm fires.
                        .deadLetterQueue(deadLetters)
                        .build()))
                .build();
    }

    /** Long enough for the landing deadline, the READY wait, the job deadline and the stop retries. */
    static Duration executionTimeout(DeployConfig config) {
        return Duration.minutes(config.landingWaitHours() * 60L + config.landingPollMinutes()
                + READY_WAIT_MINUTES + config.jobTimeoutMinutes() + config.jobPollMinutes() + 60);
    }

    private IChainable definition() {
        String bucket = storage.bucket().getBucketName();
        String appName = application.applicationName();
        List<String> appArn = List.of(application.applicationArn());

        // Everything after the start: stop, release, figures, outcome, notifications (RunEnding).
        RunEnding ending = new RunEnding(this, config, application, lock, notifications.topic(), messages);
        CallAwsService notifyFailure = ending.notifyFailure();
        CallAwsService releaseLock = ending.releaseLock();
        IChainable stopGate = ending.stopGate();

        // ---- waiting for the job ----------------------------------------------------------------------------
        Wait waitForJob = Wait.jsonata(this, "WaitForJob", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.minutes(config.jobPollMinutes()))).build());

        CallAwsService lookForReport = SdkTask.of(this, "LookForRunReport", "s3", "listObjectsV2", "s3:ListBucket",
                        List.of(storage.bucket().getBucketArn()))
                .arguments(Map.of("Bucket", bucket, "Prefix", "{% $reportKey %}", "MaxKeys", 1))
                .assign(Map.of("reportReady", "{% $states.result.KeyCount > 0 and $states.result.Contents[0].Key = $reportKey %}"))
                .build();
        lookForReport.addCatch(stopGate, JsonataStates.catchAll(JsonataStates.failure("monitoramento", null)));

        CallAwsService readReport = SdkTask.of(this, "ReadRunReport", "s3", "getObject", "s3:GetObject",
                        List.of(storage.bucket().arnForObjects(LakeLayout.RUNS + "*")))
                .arguments(Map.of("Bucket", bucket, "Key", "{% $reportKey %}"))
                .assign(Map.of("report", "{% $parse($states.result.Body) %}"))
                // The report is SSE-KMS encrypted with the lake key.
                .also(decryptThroughS3())
                .build();
        readReport.addCatch(stopGate, JsonataStates.catchAll(JsonataStates.failure("monitoramento", null)));

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

        CallAwsService checkRunning = JsonataStates.describe(this, application, "CheckApplicationStatus", Map.of());
        checkRunning.addCatch(stopGate, JsonataStates.catchAll(JsonataStates.failure("monitoramento", null)));
        checkRunning.next(Choice.jsonata(this, "ApplicationStillRunning")
                .when(Condition.jsonata("{% $appStatus in " + JsonataStates.list(RUNNING_STATUSES) + " %}"), waitForJob)
                .otherwise(Pass.jsonata(this, "ApplicationStoppedEarly", PassJsonataProps.builder()
                        .assign(JsonataStates.failure("execucao", "{% 'A aplicacao saiu de RUNNING (' & $appStatus & ') sem escrever "
                                + "o relatorio ' & $reportKey %}"))
                        .build()).next(stopGate)));

        Choice reportWritten = Choice.jsonata(this, "RunReportWritten")
                .when(Condition.jsonata("{% $reportReady %}"), readReport)
                .when(Condition.jsonata("{% $toMillis($now()) >= $jobDeadline %}"),
                        Pass.jsonata(this, "JobTimedOut", PassJsonataProps.builder()
                                .assign(JsonataStates.failure("tempo-limite", "O job nao escreveu o relatorio em "
                                        + config.jobTimeoutMinutes() + " minutos"))
                                .build()).next(stopGate))
                .otherwise(checkRunning);
        waitForJob.next(lookForReport);
        lookForReport.next(reportWritten);

        // ---- starting the run --------------------------------------------------------------------------------
        CallAwsService startApplication = SdkTask.of(this, "StartApplication", "kinesisanalyticsv2", "startApplication",
                        "kinesisanalytics:StartApplication", appArn)
                .arguments(Map.of("ApplicationName", appName,
                        "RunConfiguration", Map.of("ApplicationRestoreConfiguration",
                                Map.of("ApplicationRestoreType", "SKIP_RESTORE_FROM_SNAPSHOT"))))
                .assign(Map.of("startedAt", "{% $toMillis($now()) %}",
                        "jobDeadline", "{% $toMillis($now()) + " + config.jobTimeoutMinutes() * 60_000L + " %}"))
                .alsoRetry(TransientErrors.FLINK_SETTLING)
                .build();
        // Still in use after the retries: something else runs it. Not ours: never stopped from here.
        startApplication.addCatch(Pass.jsonata(this, "StartRefused", PassJsonataProps.builder()
                        .assign(JsonataStates.failure("inicio", "{% 'StartApplication recusado (' & $states.errorOutput.Error & "
                                + "'): a aplicacao esta em uso por outro processo; nada foi parado' %}")).build())
                .next(releaseLock), CatchProps.builder()
                .errors(List.of(TransientErrors.prefix("kinesisanalyticsv2") + ".ResourceInUseException")).build());
        // Any other failure may have left it starting: we hold the lock, so it is ours to stop.
        startApplication.addCatch(stopGate, JsonataStates.catchAll(withStart(JsonataStates.failure("inicio", null))));
        startApplication.next(waitForJob);

        // UpdateApplication puts the application in UPDATING: start it only once it is READY again.
        Wait waitUntilReady = Wait.jsonata(this, "WaitUntilReady", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.seconds(READY_POLL_SECONDS))).build());
        CallAwsService describeAfterUpdate = JsonataStates.describe(this, application, "DescribeApplicationAfterUpdate", Map.of());
        describeAfterUpdate.addCatch(releaseLock, JsonataStates.catchAll(JsonataStates.failure("preparacao", null)));
        waitUntilReady.next(describeAfterUpdate);
        describeAfterUpdate.next(Choice.jsonata(this, "ApplicationReadyAfterUpdate")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), startApplication)
                .when(Condition.jsonata("{% $appStatus = 'UPDATING' and $toMillis($now()) < $readyDeadline %}"), waitUntilReady)
                .otherwise(Pass.jsonata(this, "NotReadyAfterUpdate", PassJsonataProps.builder()
                        .assign(JsonataStates.failure("preparacao", "{% 'A aplicacao nao voltou a READY em " + READY_WAIT_MINUTES
                                + " min apos UpdateApplication (status ' & $appStatus & ')' %}"))
                        .build()).next(releaseLock)));

        CallAwsService setRunProperties = SdkTask.of(this, "SetRunProperties", "kinesisanalyticsv2", "updateApplication",
                        "kinesisanalytics:UpdateApplication", appArn)
                .arguments(Map.of("ApplicationName", appName,
                        "CurrentApplicationVersionId", "{% $appVersion %}",
                        "ApplicationConfigurationUpdate", Map.of("EnvironmentPropertyUpdates", Map.of(
                                "PropertyGroups", List.of(Map.of(
                                        "PropertyGroupId", FlinkApplication.PROPERTY_GROUP,
                                        "PropertyMap", application.pipelineProperties("{% $month %}", "{% $runId %}")))))))
                .assign(Map.of("readyDeadline", "{% $toMillis($now()) + " + READY_WAIT_MINUTES * 60_000L + " %}"))
                .build();
        setRunProperties.addCatch(releaseLock, JsonataStates.catchAll(JsonataStates.failure("preparacao", null)));
        setRunProperties.next(waitUntilReady);

        CallAwsService describeBeforeRun = JsonataStates.describe(this, application, "DescribeApplicationBeforeRun",
                Map.of("appVersion", "{% $states.result.ApplicationDetail.ApplicationVersionId %}"));
        describeBeforeRun.addCatch(releaseLock, JsonataStates.catchAll(JsonataStates.failure("preparacao", null)));
        // Running without the lock: started by hand or left over. Never restarted or stopped from here.
        describeBeforeRun.next(Choice.jsonata(this, "ApplicationIdle")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), setRunProperties)
                .otherwise(Pass.jsonata(this, "ApplicationBusy", PassJsonataProps.builder()
                        .assign(JsonataStates.failure("preparacao", "{% 'A aplicacao esta em ' & $appStatus & ' sem execucao "
                                + "com a trava (iniciada a mao?): nada foi iniciado nem parado' %}"))
                        .build()).next(releaseLock)));

        CallAwsService acquireLock = lock.acquire(this, "AcquireLock", leaseMillis(config), Map.of("lockHeld", true));
        // Held: say by whom, for which month and until when, so the message is enough to decide what to do.
        Pass lockHeld = Pass.jsonata(this, "LockHeld", PassJsonataProps.builder()
                .assign(JsonataStates.failure("trava", "{% 'Outra execucao esta usando a aplicacao (trava " + RunLock.TABLE_NAME
                        + ": ' & ($exists($holder.dono) ? $holder.dono.S & ', mes ' & $holder.mes.S & ', ate '"
                        + " & $fromMillis($number($holder.expiraEm.N)) : 'dono desconhecido') & '): esta execucao nao"
                        + " alterou nada. Tente de novo quando ela terminar.' %}"))
                .build());
        lockHeld.next(notifyFailure);
        CallAwsService readHolder = lock.read(this, "ReadLockHolder", Map.of("holder", "{% $states.result.Item %}"));
        readHolder.addCatch(lockHeld, JsonataStates.catchAll(Map.of()));
        readHolder.next(lockHeld);
        acquireLock.addCatch(readHolder, CatchProps.builder()
                .errors(List.of(TransientErrors.prefix("dynamodb") + ".ConditionalCheckFailedException")).build());
        acquireLock.addCatch(notifyFailure, JsonataStates.catchAll(JsonataStates.failure("trava", null)));
        acquireLock.next(describeBeforeRun);

        // ---- waiting for the landing files -------------------------------------------------------------------
        CallAwsService checkFaturas = landingCheck("CheckFaturasInLanding", "faturasReady", "$faturasKey");
        CallAwsService checkPagamentos = landingCheck("CheckPagamentosInLanding", "pagamentosReady", "$pagamentosKey");
        checkFaturas.addCatch(notifyFailure, JsonataStates.catchAll(JsonataStates.failure("espera-landing", null)));
        checkPagamentos.addCatch(notifyFailure, JsonataStates.catchAll(JsonataStates.failure("espera-landing", null)));
        Wait waitForLanding = Wait.jsonata(this, "WaitForLandingFiles", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.minutes(config.landingPollMinutes()))).build());
        checkFaturas.next(checkPagamentos);
        checkPagamentos.next(Choice.jsonata(this, "LandingFilesReady")
                .when(Condition.jsonata("{% $faturasReady and $pagamentosReady %}"), acquireLock)
                .when(Condition.jsonata("{% $toMillis($now()) >= $landingDeadline %}"),
                        Pass.jsonata(this, "LandingFilesMissing", PassJsonataProps.builder()
                                .assign(JsonataStates.failure("espera-landing", "{% 'Arquivos ausentes apos "
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
        // The automatic re-run passes tentativa=2; it is never re-run again.
        resolve.put("attempt", "{% $exists($states.input.tentativa) ? $number($states.input.tentativa) : 1 %}");
        resolve.put("runId", "{% $fromMillis($toMillis($now()), '[Y0001][M01][D01]T[H01][m01][s01]Z') & '-'"
                + " & $substring($states.context.Execution.Name, 0, 8) %}");
        resolve.put("outcome", "FALHA");
        resolve.put("failureStage", "");
        resolve.put("failureError", "");
        resolve.put("applicationStopped", false);
        resolve.put("lockHeld", false);
        resolve.put("report", Map.of());
        resolve.put("startedAt", 0);
        resolve.put("stoppedAt", 0);
        resolve.put("rerunExecution", "");
        resolve.put("holder", Map.of());
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
                        .assign(JsonataStates.failure("entrada", "{% 'Mes invalido: ' & $month & ' (esperado YYYY-MM)' %}"))
                        .build()).next(notifyFailure)));
        return resolveRun;
    }

    /** The lock outlives the longest legitimate run: READY wait + job deadline + a poll + the stop retries. */
    static long leaseMillis(DeployConfig config) {
        return (READY_WAIT_MINUTES + config.jobTimeoutMinutes() + config.jobPollMinutes() + 60L) * 60_000L;
    }

    /** A failed start may still bill: count from the attempt. */
    private static Map<String, Object> withStart(Map<String, Object> assign) {
        Map<String, Object> all = new LinkedHashMap<>(assign);
        all.put("startedAt", "{% $toMillis($now()) %}");
        return all;
    }

    private PolicyStatement decryptThroughS3() {
        return PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(storage.key().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com")))
                .build();
    }

    private CallAwsService landingCheck(String id, String flag, String keyVariable) {
        return SdkTask.of(this, id, "s3", "listObjectsV2", "s3:ListBucket", List.of(storage.bucket().getBucketArn()))
                .arguments(Map.of("Bucket", storage.bucket().getBucketName(), "Prefix", "{% " + keyVariable + " %}", "MaxKeys", 1))
                .assign(Map.of(flag, "{% $states.result.KeyCount > 0 and $states.result.Contents[0].Key = " + keyVariable + " %}"))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Schedule schedule() {
        return schedule;
    }
}
