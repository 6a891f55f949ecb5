package br.com.podcartoes.deploy;

import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where a schedule or rule that fired but could not start its state machine leaves the event (after its retries),
 * and the alarm that says so: without it, a month whose schedule failed to start is silent until someone notices.
 */
public final class ScheduleDeadLetters extends Construct {
    private final Queue queue;
    private final Alarm alarm;

    public ScheduleDeadLetters(Construct scope, String id, ITopic topic) {
        super(scope, id);
        queue = Queue.Builder.create(this, "Queue")
                .queueName("pod-cartoes-disparos-nao-entregues")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        alarm = Alarm.Builder.create(this, "Alarm")
                .alarmName("pod-cartoes-disparo-nao-entregue")
                .alarmDescription("Um agendamento ou regra do PoD Cartoes disparou mas nao conseguiu iniciar a state machine: "
                        + "veja a mensagem na fila pod-cartoes-disparos-nao-entregues (motivo nos atributos) e re-execute o mes")
                .metric(Metric.Builder.create()
                        .namespace("AWS/SQS")
                        .metricName("ApproximateNumberOfMessagesVisible")
                        .dimensionsMap(Map.of("QueueName", queue.getQueueName()))
                        .statistic("Maximum")
                        .period(Duration.minutes(5))
                        .build())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
    }

    public Queue queue() {
        return queue;
    }

    public Alarm alarm() {
        return alarm;
    }
}
