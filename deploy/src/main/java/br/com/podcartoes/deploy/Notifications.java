package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.chatbot.LoggingLevel;
import software.amazon.awscdk.services.chatbot.SlackChannelConfiguration;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * One SNS topic for everything a person must hear about: run results, alarms and budget alerts. E-mail always;
 * Slack through AWS Chatbot only when a workspace and channel are given (they come from a one-time OAuth in the
 * Chatbot console and cannot be created as code).
 */
public final class Notifications extends Construct {
    /** AWS services that publish to the topic and so must be able to use its key. */
    static final List<String> PUBLISHING_SERVICES = List.of(
            "cloudwatch.amazonaws.com", "budgets.amazonaws.com", "chatbot.amazonaws.com");

    private final Key key;
    private final Topic topic;
    private final SlackChannelConfiguration slack;

    public Notifications(Construct scope, String id, DeployConfig config) {
        super(scope, id);

        // Failure messages may quote a rejected input line: the topic is encrypted like the lake.
        key = Key.Builder.create(this, "TopicKey")
                .alias("alias/pod-cartoes-notifications")
                .description("PoD Cartoes: encrypts the notifications topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        for (String service : PUBLISHING_SERVICES) {
            key.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("AllowPublishFrom" + service.substring(0, service.indexOf('.')))
                    .principals(List.of(new ServicePrincipal(service)))
                    .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                    .resources(List.of("*"))
                    .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                    .build());
        }

        topic = Topic.Builder.create(this, "Topic")
                .topicName("pod-cartoes-execucoes")
                .displayName("PoD Cartoes")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addSubscription(EmailSubscription.Builder.create(config.notificationEmail()).build());
        // Budgets and CloudWatch publish as service principals: each needs an Allow in the topic policy.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowBudgetsPublish")
                .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        AlarmPublishing.allowProjectAlarms(topic);

        slack = config.slackWorkspace().isPresent() ? slackChannel(config) : null;
    }

    private SlackChannelConfiguration slackChannel(DeployConfig config) {
        // Notifications only: the channel's role and guardrail allow reading CloudWatch, nothing more.
        IManagedPolicy readOnly = ManagedPolicy.fromAwsManagedPolicyName("CloudWatchReadOnlyAccess");
        SlackChannelConfiguration channel = SlackChannelConfiguration.Builder.create(this, "Slack")
                .slackChannelConfigurationName("pod-cartoes")
                .slackWorkspaceId(config.slackWorkspaceId())
                .slackChannelId(config.slackChannelId())
                .notificationTopics(List.of(topic))
                .guardrailPolicies(List.of(readOnly))
                .loggingLevel(LoggingLevel.ERROR)
                .build();
        channel.getRole().addManagedPolicy(readOnly);
        return channel;
    }

    /** Names the state machines' roles in the topic key's policy, next to the services that publish. */
    public void allowPublishers(List<IPrincipal> roles) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowPublishFromProjectStateMachines")
                .principals(roles)
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "sns." + Aws.REGION + ".amazonaws.com")))
                .build());
    }

    public Topic topic() {
        return topic;
    }

    /** Null when no Slack workspace/channel was given. */
    public SlackChannelConfiguration slack() {
        return slack;
    }
}
