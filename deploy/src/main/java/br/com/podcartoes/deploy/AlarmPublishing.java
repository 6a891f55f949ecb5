package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Lets this project's CloudWatch alarms publish to a topic. A topic with a resource policy of its own (ours
 * have one: TLS-only, Budgets) only accepts publishers that policy names; CloudWatch publishes as
 * cloudwatch.amazonaws.com, so without this statement an alarm goes to ALARM and nobody hears it.
 */
final class AlarmPublishing {
    /** Every alarm of the project is named with this prefix, which scopes the statement to them. */
    static final String ALARM_PREFIX = "pod-cartoes-";

    static void allowProjectAlarms(Topic topic) {
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowProjectAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":"
                                + Aws.ACCOUNT_ID + ":alarm:" + ALARM_PREFIX + "*"),
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }

    private AlarmPublishing() {
    }
}
