package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.FailJsonataProps;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.PassJsonataProps;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitJsonataProps;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * How every monthly execution ends, once it has gone past the landing wait: the stop gate (stop the application
 * if it runs), the lock's release, the run's figures, then success, failure, or failure plus one automatic re-run.
 * The states are created in the workflow's scope, so their names are the state machine's.
 */
final class RunEnding {
    private final Construct scope;
    private final CallAwsService notifyFailure;
    private final CallAwsService releaseLock;
    private final IChainable stopGate;

    RunEnding(Construct scope, DeployConfig config, FlinkApplication application, RunLock lock, ITopic topic,
              RunMessages messages) {
        this.scope = scope;
        String appName = application.applicationName();
        List<String> appArn = List.of(application.applicationArn());

        // ---- terminal states -------------------------------------------------------------------------------
        Fail runFailed = Fail.jsonata(scope, "RunFailed", FailJsonataProps.builder()
                .error(MonthlyRunWorkflow.RUN_FAILED_ERROR)
                .cause("{% $failureStage & ': ' & $failureError %}")
                .build());
        Fail notificationFailed = Fail.jsonata(scope, "NotificationFailed", FailJsonataProps.builder()
                .error("PodCartoesNotificationFailed")
                .cause("{% 'A execucao terminou (' & $outcome & ') mas a notificacao falhou' %}")
                .build());
        Succeed runSucceeded = Succeed.jsonata(scope, "RunSucceeded");

        notifyFailure = publish(topic, "NotifyFailure", messages.failureSubject(), messages.failureMessage());
        notifyFailure.addCatch(runFailed, JsonataStates.catchAll(Map.of()));
        notifyFailure.next(runFailed);
        CallAwsService notifySuccess = publish(topic, "NotifySuccess", messages.successSubject(), messages.successMessage());
        notifySuccess.addCatch(notificationFailed, JsonataStates.catchAll(Map.of()));
        notifySuccess.next(runSucceeded);

        // A failure the application reported at a stage that can be transient: one new execution of the month.
        CallAwsService startRerun = SdkTask.of(scope, "StartAutomaticRerun", "sfn", "startExecution",
                        "states:StartExecution", List.of(ownArn()))
                .arguments(Map.of("StateMachineArn", ownArn(),
                        "Input", "{% $string({'month': $month, 'tentativa': $attempt + 1}) %}"))
                .assign(Map.of("rerunExecution", "{% $states.result.ExecutionArn %}"))
                .build();
        startRerun.addCatch(notifyFailure, JsonataStates.catchAll(Map.of("rerunExecution",
                "{% 'nao iniciada (' & $states.errorOutput.Error & ')' %}")));
        startRerun.next(notifyFailure);

        Choice runOutcome = Choice.jsonata(scope, "RunOutcome")
                .when(Condition.jsonata("{% $outcome = 'SUCESSO' %}"), notifySuccess)
                .when(Condition.jsonata(rerunCondition()), startRerun)
                .otherwise(notifyFailure);

        // ---- the run's figures for the dashboard; never in the way of the notification ---------------------
        CallAwsService publishMetrics = SdkTask.of(scope, "PublishRunMetrics", "cloudwatch", "putMetricData",
                        // PutMetricData has no resource types.
                        "cloudwatch:PutMetricData", List.of("*"))
                .arguments(Map.of("Namespace", RunMetrics.NAMESPACE,
                        "MetricData", RunMetrics.metricData(config.billedKpus(), config.kpuPriceUsd().toPlainString())))
                .build();
        publishMetrics.addCatch(runOutcome, JsonataStates.catchAll(Map.of()));
        publishMetrics.next(runOutcome);

        // ---- the lock: every path after it was taken goes through ReleaseLock ------------------------------
        releaseLock = lock.release(scope, "ReleaseLock", "$states.context.Execution.Id",
                Map.of("lockHeld", false));
        // Not released (already taken over, or DynamoDB down): the lease frees it; the run's outcome stands.
        releaseLock.addCatch(publishMetrics, JsonataStates.catchAll(Map.of()));
        releaseLock.next(publishMetrics);

        // ---- always-stop path: every state after StartApplication ends here --------------------------------
        // STARTING/UPDATING refuse a stop for a while (ResourceInUse): keep trying for ~30 minutes.
        CallAwsService stopApplication = SdkTask.of(scope, "StopApplication", "kinesisanalyticsv2", "stopApplication",
                        "kinesisanalytics:StopApplication", appArn)
                // Force: nothing to snapshot, and a stuck job must not keep billing.
                .arguments(Map.of("ApplicationName", appName, "Force", true))
                .assign(Map.of("applicationStopped", true, "stoppedAt", "{% $toMillis($now()) %}",
                        "stopDeadline", "{% $toMillis($now()) + " + MonthlyRunWorkflow.READY_WAIT_MINUTES * 60_000L + " %}"))
                .alsoRetry(TransientErrors.FLINK_SETTLING)
                .retries(6, Duration.seconds(30))
                .build();
        stopApplication.addCatch(releaseLock, JsonataStates.catchAll(Map.of(
                "outcome", "FALHA",
                "stoppedAt", "{% $toMillis($now()) %}",
                "failureStage", "parada-da-aplicacao",
                "failureError", "{% 'StopApplication falhou (' & $states.errorOutput.Error & '): a aplicacao pode "
                        + "continuar em execucao e cobrando; pare-a manualmente. Situacao anterior: ' & $failureStage & "
                        + "' ' & $failureError %}")));
        // StopApplication returns while the application is still (FORCE_)STOPPING: the lock is released only once
        // it is READY, so the next execution (the automatic re-run, a manual one) finds it idle. Bounded: past
        // the wait the lock goes anyway, and the guard watches what is left.
        Wait waitUntilStopped = Wait.jsonata(scope, "WaitUntilStopped", WaitJsonataProps.builder()
                .time(WaitTime.duration(Duration.seconds(MonthlyRunWorkflow.READY_POLL_SECONDS))).build());
        CallAwsService describeAfterStop = JsonataStates.describe(scope, application, "DescribeApplicationAfterStop", Map.of());
        describeAfterStop.addCatch(releaseLock, JsonataStates.catchAll(Map.of()));
        waitUntilStopped.next(describeAfterStop);
        describeAfterStop.next(Choice.jsonata(scope, "ApplicationReadyAfterStop")
                .when(Condition.jsonata("{% $appStatus != 'READY' and $toMillis($now()) < $stopDeadline %}"), waitUntilStopped)
                .otherwise(releaseLock));
        stopApplication.next(waitUntilStopped);

        CallAwsService describeBeforeStop = JsonataStates.describe(scope, application, "DescribeApplicationBeforeStop", Map.of());
        describeBeforeStop.addCatch(stopApplication, JsonataStates.catchAll(Map.of()));
        Choice needsStop = Choice.jsonata(scope, "ApplicationNeedsStop")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), Pass.jsonata(scope, "AlreadyStopped",
                        PassJsonataProps.builder().assign(Map.of("applicationStopped", true,
                                "stoppedAt", "{% $toMillis($now()) %}")).build()).next(releaseLock))
                .otherwise(stopApplication);
        describeBeforeStop.next(needsStop);
        stopGate = describeBeforeStop;
    }

    /**
     * Re-run once, automatically, when the application itself reported a failure at a stage that can pass on its
     * own (files detected too early, S3 or Glue errors), the application was stopped, and this is the first attempt.
     * Never after contrato or reconciliacao: the same input would fail the same way.
     */
    static String rerunCondition() {
        return "{% $report.resultado = 'FALHA' and $report.etapa_falha in "
                + JsonataStates.list(MonthlyRunWorkflow.TRANSIENT_STAGES)
                + " and $applicationStopped and $attempt < " + MonthlyRunWorkflow.MAX_ATTEMPTS + " %}";
    }

    /** The state machine's own ARN, built from its name (a reference to the resource would be circular). */
    private static String ownArn() {
        return "arn:" + Aws.PARTITION + ":states:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":stateMachine:"
                + MonthlyRunWorkflow.STATE_MACHINE_NAME;
    }

    private CallAwsService publish(ITopic topic, String id, String subject, String message) {
        return SdkTask.of(scope, id, "sns", "publish", "sns:Publish", List.of(topic.getTopicArn()))
                .arguments(Map.of("TopicArn", topic.getTopicArn(),
                        "Subject", subject,
                        "MessageStructure", "json",
                        "Message", message))
                .build();
    }

    /** Where failures before the lock go: nothing to stop or release. */
    CallAwsService notifyFailure() {
        return notifyFailure;
    }

    /** Where failures after the lock and before the start go: nothing to stop, the lock to release. */
    CallAwsService releaseLock() {
        return releaseLock;
    }

    /** Where every path after StartApplication goes: stop if running, then release. */
    IChainable stopGate() {
        return stopGate;
    }
}
