package br.com.podcartoes.deploy;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Alarms for what no notification of a run can report: the monthly state machine failing or timing out, and the
 * guard or the cleanup failing (then an application may be billing and nothing else will stop it). The left-running
 * application itself is detected by {@link ApplicationGuard}, not by the deprecated uptime metric.
 */
public final class OperationalAlarms extends Construct {
    private final Alarm executionFailed;
    private final Alarm executionTimedOut;
    private final Alarm guardFailed;
    private final Alarm cleanupFailed;

    public OperationalAlarms(Construct scope, String id, IStateMachine monthlyRun, IStateMachine guard,
                             IStateMachine cleanup, ITopic topic) {
        super(scope, id);
        SnsAction notify = new SnsAction(topic);
        MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();

        executionFailed = countAlarm("ExecutionFailed", "pod-cartoes-execucao-falhou",
                "Uma execucao mensal falhou (ver a notificacao da execucao e o historico no Step Functions)",
                monthlyRun.metricFailed(fiveMinuteSum));
        executionTimedOut = countAlarm("ExecutionTimedOut", "pod-cartoes-execucao-tempo-esgotado",
                "A execucao mensal passou do tempo maximo da state machine: a limpeza para a aplicacao e libera a trava",
                monthlyRun.metricTimedOut(fiveMinuteSum));
        guardFailed = countAlarm("GuardFailed", "pod-cartoes-vigia-falhou",
                "A verificacao de aplicacao ligada falhou: a aplicacao pode estar cobrando sem ninguem para-la",
                guard.metricFailed(fiveMinuteSum));
        cleanupFailed = countAlarm("CleanupFailed", "pod-cartoes-limpeza-falhou",
                "A limpeza de uma execucao interrompida falhou: verifique a aplicacao e a trava (deploy/README.md)",
                cleanup.metricFailed(fiveMinuteSum));
        for (Alarm alarm : new Alarm[] {executionFailed, executionTimedOut, guardFailed, cleanupFailed}) {
            alarm.addAlarmAction(notify);
        }
    }

    private Alarm countAlarm(String id, String name, String description, IMetric metric) {
        return Alarm.Builder.create(this, id)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    public Alarm executionFailed() {
        return executionFailed;
    }

    public Alarm executionTimedOut() {
        return executionTimedOut;
    }

    public Alarm guardFailed() {
        return guardFailed;
    }

    public Alarm cleanupFailed() {
        return cleanupFailed;
    }
}
