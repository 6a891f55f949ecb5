package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.events.targets.SfnStateMachineProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.PassJsonataProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Cleans up after a monthly execution that ended outside its own catch blocks (ABORTED by a person, TIMED_OUT, or
 * FAILED on a runtime error): such an execution never reached its stop and its release. An EventBridge rule on the
 * execution's status change starts this state machine, which stops the application only if that execution held the
 * lock (so it, and no one else, had started it), frees the lock, and says what happened. Failures the run notified
 * itself (PodCartoesRunFailed, PodCartoesNotificationFailed) are left alone.
 */
public final class AbandonedRunCleanup extends Construct {
    public static final String STATE_MACHINE_NAME = "pod-cartoes-limpeza";
    static final List<String> WATCHED_STATUSES = List.of("ABORTED", "TIMED_OUT", "FAILED");
    /** The run's own Fail states: it stopped, released and notified before failing. */
    static final List<String> HANDLED_ERRORS = List.of(MonthlyRunWorkflow.RUN_FAILED_ERROR, "PodCartoesNotificationFailed");
    static final String ALREADY_HANDLED = "{% $states.input.detail.status = 'FAILED' and $states.input.detail.error in "
            + JsonataStates.list(HANDLED_ERRORS) + " %}";

    private final StateMachine stateMachine;
    private final Rule rule;

    public AbandonedRunCleanup(Construct scope, String id, DeployConfig config, FlinkApplication application,
                               IStateMachine monthlyRun, RunLock lock, ITopic topic, IQueue deadLetters, IKey logKey) {
        super(scope, id);
        stateMachine = OpsStateMachine.create(this, STATE_MACHINE_NAME,
                "PoD Cartoes: para a aplicacao e libera a trava de uma execucao mensal abortada ou com erro de runtime",
                definition(application, lock, topic), Duration.hours(1), config, topic, logKey);
        rule = Rule.Builder.create(this, "Rule")
                .ruleName("pod-cartoes-execucao-interrompida")
                .description("PoD Cartoes: execucao mensal ABORTED/TIMED_OUT/FAILED -> " + STATE_MACHINE_NAME)
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of("stateMachineArn", List.of(monthlyRun.getStateMachineArn()),
                                "status", WATCHED_STATUSES))
                        .build())
                .targets(List.of(new SfnStateMachine(stateMachine, SfnStateMachineProps.builder()
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(3)
                        .maxEventAge(Duration.hours(2))
                        .build())))
                .build();
    }

    private IChainable definition(FlinkApplication application, RunLock lock, ITopic topic) {
        List<String> appArn = List.of(application.applicationArn());
        String execution = "$states.input.detail.executionArn";

        CallAwsService notify = OpsStateMachine.publish(this, topic, "NotifyInterruptedRun", "PodCartoesRunInterrupted",
                "'PoD Cartoes: execucao mensal terminou ' & $states.input.detail.status",
                "'A execução ' & " + execution + " & ' terminou como ' & $states.input.detail.status"
                        + " & ($exists($states.input.detail.error) and $states.input.detail.error != null"
                        + " ? ' (' & $states.input.detail.error & ')' : '') & ' fora do fluxo normal.\\n'"
                        + " & ($ownedLock ? ('Ela tinha a trava. Aplicação: ' & $appStatus & ' -> '"
                        + " & ($stopped ? 'parada.' : ($stopError != '' ? 'NÃO foi parada (' & $stopError & '): pare-a à mão.' : 'já estava parada.'))"
                        + " & ' Trava liberada: ' & ($released ? 'sim' : 'não (expira sozinha)') & '.')"
                        + " : 'Ela não tinha a trava: a aplicação não foi tocada.')"
                        + " & '\\nRe-execute o mês se preciso (deploy/README.md).'");
        notify.next(Succeed.jsonata(this, "Reported"));

        CallAwsService release = lock.release(this, "ReleaseLock", execution, Map.of("released", true));
        release.addCatch(notify, JsonataStates.catchAll(Map.of()));
        release.next(notify);

        CallAwsService stop = SdkTask.of(this, "StopApplication", "kinesisanalyticsv2", "stopApplication",
                        "kinesisanalytics:StopApplication", appArn)
                .arguments(Map.of("ApplicationName", application.applicationName(), "Force", true))
                .assign(Map.of("stopped", true))
                .alsoRetry(TransientErrors.FLINK_SETTLING)
                .retries(6, Duration.seconds(30))
                .build();
        stop.addCatch(release, JsonataStates.catchAll(Map.of("stopError",
                "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}")));
        stop.next(release);

        CallAwsService describe = SdkTask.of(this, "DescribeApplication", "kinesisanalyticsv2", "describeApplication",
                        "kinesisanalytics:DescribeApplication", appArn)
                .arguments(Map.of("ApplicationName", application.applicationName()))
                .assign(Map.of("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}"))
                .build();
        // Not knowing the status, stop anyway: the execution held the lock, so a running application is its own.
        describe.addCatch(stop, JsonataStates.catchAll(Map.of("appStatus", "desconhecido")));
        describe.next(Choice.jsonata(this, "ApplicationNeedsStop")
                .when(Condition.jsonata("{% $appStatus = 'READY' %}"), release)
                .otherwise(stop));

        CallAwsService readLock = lock.read(this, "ReadLock", Map.of("ownedLock",
                "{% $exists($states.result.Item) and $states.result.Item.dono.S = " + execution + " %}"));
        readLock.addCatch(notify, JsonataStates.catchAll(Map.of()));
        readLock.next(Choice.jsonata(this, "HeldTheLock")
                .when(Condition.jsonata("{% $ownedLock %}"), describe)
                .otherwise(notify));

        Pass init = Pass.jsonata(this, "Init", PassJsonataProps.builder().assign(Map.of(
                "ownedLock", false, "stopped", false, "released", false, "stopError", "", "appStatus", "")).build());
        init.next(Choice.jsonata(this, "AlreadyHandled")
                .when(Condition.jsonata(ALREADY_HANDLED), Succeed.jsonata(this, "HandledByTheRun"))
                .otherwise(readLock));
        return init;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Rule rule() {
        return rule;
    }
}
