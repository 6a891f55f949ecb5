package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.FailJsonataProps;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * Stops an application left running. The old "uptime" alarm could not see it: Flink 2.2 no longer emits uptime once
 * the batch job ends, and the application keeps billing KPUs in RUNNING. Every few minutes this checks the billing
 * state itself: the application in a running status while no monthly execution runs and nobody holds a valid lock
 * lease is left over, so it is force-stopped and someone is told. An operator running the application by hand
 * takes a lease first (README), so the guard leaves that run alone.
 */
public final class ApplicationGuard extends Construct {
    public static final String STATE_MACHINE_NAME = "pod-cartoes-vigia";
    /** Statuses in which the application bills KPUs and StopApplication applies. */
    static final List<String> BILLING_STATUSES = List.of("STARTING", "RUNNING", "AUTOSCALING", "MAINTENANCE");
    /** The decision: running, no monthly execution running, no valid lease. */
    static final String LEFT_RUNNING = "{% $runningExecutions = 0 and $not($leaseValid) %}";

    private final StateMachine stateMachine;
    private final Schedule schedule;

    public ApplicationGuard(Construct scope, String id, DeployConfig config, FlinkApplication application,
                            IStateMachine monthlyRun, RunLock lock, ITopic topic, IQueue deadLetters, IKey logKey) {
        super(scope, id);
        stateMachine = OpsStateMachine.create(this, STATE_MACHINE_NAME,
                "PoD Cartoes: para a aplicacao Flink se estiver ligada sem execucao mensal nem trava valida",
                definition(application, monthlyRun, lock, topic), Duration.minutes(45), config, topic, logKey);
        schedule = Schedule.Builder.create(this, "Schedule")
                .scheduleName("pod-cartoes-vigia")
                .description("PoD Cartoes: verifica a cada " + config.guardIntervalMinutes() + " min se a aplicacao ficou ligada")
                .schedule(ScheduleExpression.rate(Duration.minutes(config.guardIntervalMinutes())))
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(2)
                        .maxEventAge(Duration.minutes(config.guardIntervalMinutes()))
                        .build()))
                .build();
    }

    private IChainable definition(FlinkApplication application, IStateMachine monthlyRun, RunLock lock, ITopic topic) {
        List<String> appArn = List.of(application.applicationArn());
        Succeed idle = Succeed.jsonata(this, "NothingToDo");

        CallAwsService notifyStopped = OpsStateMachine.publish(this, topic, "NotifyStopped", "PodCartoesApplicationLeftRunning", "'PoD Cartoes: aplicacao ligada sem execucao foi parada'",
                "'A aplicação " + application.applicationName() + " estava em ' & $appStatus & ' sem execução mensal em "
                        + "andamento e sem trava válida: foi parada (force). Veja os logs e o histórico do Step Functions; "
                        + "para rodar a aplicação à mão, tome a trava antes (deploy/README.md).'");
        notifyStopped.next(Succeed.jsonata(this, "Stopped"));
        Fail stopFailed = Fail.jsonata(this, "StopFailed", FailJsonataProps.builder()
                .error("PodCartoesGuardStopFailed").cause("{% $stopError %}").build());
        CallAwsService notifyStopFailed = OpsStateMachine.publish(this, topic, "NotifyStopFailed", "PodCartoesApplicationLeftRunning",
                "'PoD Cartoes: aplicacao ligada sem execucao e NAO foi possivel para-la'",
                "'A aplicação " + application.applicationName() + " está em ' & $appStatus & ' e continua cobrando: "
                        + "StopApplication falhou (' & $stopError & '). Pare-a com o papel de operador (deploy/README.md).'");
        notifyStopFailed.addCatch(stopFailed, JsonataStates.catchAll(Map.of()));
        notifyStopFailed.next(stopFailed);

        CallAwsService stop = SdkTask.of(this, "StopLeftRunningApplication", "kinesisanalyticsv2", "stopApplication",
                        "kinesisanalytics:StopApplication", appArn)
                .arguments(Map.of("ApplicationName", application.applicationName(), "Force", true))
                .alsoRetry(TransientErrors.FLINK_SETTLING)
                .build();
        stop.addCatch(notifyStopFailed, JsonataStates.catchAll(Map.of("stopError",
                "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}")));
        stop.next(notifyStopped);

        CallAwsService readLock = lock.read(this, "ReadLock", Map.of("leaseValid",
                "{% $exists($states.result.Item) and $number($states.result.Item.expiraEm.N) > $toMillis($now()) %}"));
        readLock.next(Choice.jsonata(this, "LeftRunning")
                .when(Condition.jsonata(LEFT_RUNNING), stop)
                .otherwise(Succeed.jsonata(this, "RunAccountedFor")));

        CallAwsService listRunning = SdkTask.of(this, "ListRunningMonthlyExecutions", "sfn", "listExecutions",
                        "states:ListExecutions", List.of(monthlyRun.getStateMachineArn()))
                .arguments(Map.of("StateMachineArn", monthlyRun.getStateMachineArn(), "StatusFilter", "RUNNING", "MaxResults", 1))
                .assign(Map.of("runningExecutions", "{% $count($states.result.Executions) %}"))
                .build();
        listRunning.next(readLock);

        CallAwsService describe = SdkTask.of(this, "DescribeApplication", "kinesisanalyticsv2", "describeApplication",
                        "kinesisanalytics:DescribeApplication", appArn)
                .arguments(Map.of("ApplicationName", application.applicationName()))
                .assign(Map.of("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}",
                        "stopError", ""))
                .build();
        describe.next(Choice.jsonata(this, "ApplicationBilling")
                .when(Condition.jsonata("{% $appStatus in " + JsonataStates.list(BILLING_STATUSES) + " %}"), listRunning)
                .otherwise(idle));
        return describe;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Schedule schedule() {
        return schedule;
    }
}
