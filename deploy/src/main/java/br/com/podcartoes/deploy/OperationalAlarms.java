package br.com.podcartoes.deploy;

import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms for what the run's own notification cannot report: the state machine itself failing or timing out,
 * and the application left running (it bills per KPU-hour) longer than any run should take.
 */
public final class OperationalAlarms extends Construct {
    /** Grace over the workflow's job timeout before the uptime alarm fires (stop retries, slow shutdown). */
    static final int UPTIME_GRACE_MINUTES = 30;

    private final Alarm executionFailed;
    private final Alarm executionTimedOut;
    private final Alarm applicationRunningTooLong;

    public OperationalAlarms(Construct scope, String id, DeployConfig config, StateMachine stateMachine,
                             FlinkApplication application, ITopic topic) {
        super(scope, id);
        SnsAction notify = new SnsAction(topic);
        MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();

        executionFailed = countAlarm("ExecutionFailed", "pod-cartoes-execucao-falhou",
                "Uma execucao mensal falhou (ver a notificacao da execucao e o historico no Step Functions)",
                stateMachine.metricFailed(fiveMinuteSum));
        executionTimedOut = countAlarm("ExecutionTimedOut", "pod-cartoes-execucao-tempo-esgotado",
                "A execucao mensal passou do tempo maximo da state machine: a aplicacao pode ter ficado ligada",
                stateMachine.metricTimedOut(fiveMinuteSum));

        // uptime (ms) is published while the Flink job runs; it does not exist while the application is stopped.
        int limitMinutes = config.jobTimeoutMinutes() + UPTIME_GRACE_MINUTES;
        Metric uptime = Metric.Builder.create()
                .namespace("AWS/KinesisAnalytics")
                .metricName("uptime")
                .dimensionsMap(Map.of("Application", application.applicationName()))
                .statistic("Maximum")
                .period(Duration.minutes(5))
                .build();
        applicationRunningTooLong = Alarm.Builder.create(this, "ApplicationRunningTooLong")
                .alarmName("pod-cartoes-aplicacao-ligada-demais")
                .alarmDescription("A aplicacao Flink esta rodando ha mais de " + limitMinutes
                        + " min: pare-a (aws kinesisanalyticsv2 stop-application --force) e veja os logs")
                .metric(uptime)
                .threshold(limitMinutes * 60_000L)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        for (Alarm alarm : new Alarm[] {executionFailed, executionTimedOut, applicationRunningTooLong}) {
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

    public Alarm applicationRunningTooLong() {
        return applicationRunningTooLong;
    }
}
