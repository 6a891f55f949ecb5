package br.com.podcartoes.deploy;

import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The EstimatedCharges alarm. Billing metrics exist only in us-east-1 and an alarm can only notify a topic of
 * its own region, hence a small stack of its own there. EstimatedCharges is the whole account's bill (it cannot
 * be filtered by tag): the project's own share is watched by the Budget in {@link CostControls}.
 */
public final class BillingAlarmStack extends Stack {
    public static final String REGION = "us-east-1";

    private final Alarm alarm;

    public BillingAlarmStack(Construct scope, String id, StackProps props, DeployConfig config) {
        super(scope, id, props);

        // Unencrypted on purpose: CloudWatch alarm messages carry no data, and an SSE topic would need a
        // key policy for CloudWatch in this region too.
        Topic topic = Topic.Builder.create(this, "BillingTopic")
                .topicName("pod-cartoes-faturamento")
                .displayName("PoD Cartoes billing")
                .enforceSsl(true)
                .build();
        topic.addSubscription(EmailSubscription.Builder.create(config.notificationEmail()).build());
        AlarmPublishing.allowProjectAlarms(topic);

        alarm = Alarm.Builder.create(this, "EstimatedCharges")
                .alarmName("pod-cartoes-estimated-charges")
                .alarmDescription("Cobranca estimada da conta AWS passou de US$ " + config.billingAlarmUsd().toPlainString()
                        + " no mes (requer 'Receive Billing Alerts' ativado nas preferencias de faturamento)")
                .metric(Metric.Builder.create()
                        .namespace("AWS/Billing")
                        .metricName("EstimatedCharges")
                        .dimensionsMap(Map.of("Currency", "USD"))
                        .statistic("Maximum")
                        // Billing data points arrive a few times a day.
                        .period(Duration.hours(6))
                        .build())
                .threshold(config.billingAlarmUsd().doubleValue())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
    }

    public Alarm alarm() {
        return alarm;
    }
}
