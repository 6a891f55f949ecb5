package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class NotificationsTest {
    private final Synthesized app = Synthesized.app();
    private final String topic = Synthesized.logicalId(app.stacks.lake().notifications().topic());

    @Test
    void topicIsEncryptedAndMailsTheConfiguredAddress() {
        JsonNode properties = app.resource(topic).get("Properties");
        assertEquals("pod-cartoes-execucoes", properties.get("TopicName").asText());
        assertTrue(Synthesized.render(properties.get("KmsMasterKeyId")).startsWith("${NotificationsTopicKey"));
        app.lake.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "dados@podcartoes.com.br",
                "TopicArn", Map.of("Ref", topic)));
    }

    @Test
    void alarmsBudgetsAndChatbotCanUseTheTopicKey() {
        JsonNode keyPolicy = app.resources("AWS::KMS::Key").entrySet().stream()
                .filter(e -> e.getKey().startsWith("NotificationsTopicKey")).findFirst().orElseThrow()
                .getValue().at("/Properties/KeyPolicy/Statement");
        Set<String> services = new java.util.HashSet<>();
        keyPolicy.forEach(s -> services.addAll(Synthesized.strings(s.at("/Principal/Service"))));
        assertTrue(services.containsAll(Notifications.PUBLISHING_SERVICES), services.toString());
        app.lake.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowBudgetsPublish",
                        "Action", "sns:Publish",
                        "Principal", Map.of("Service", "budgets.amazonaws.com"))))))))));
    }

    @Test
    void slackIsOnlyCreatedWhenWorkspaceAndChannelAreGiven() {
        app.lake.resourceCountIs("AWS::Chatbot::SlackChannelConfiguration", 0);
        Synthesized slack = Synthesized.withSlack();
        String slackTopic = Synthesized.logicalId(slack.stacks.lake().notifications().topic());
        slack.lake.hasResourceProperties("AWS::Chatbot::SlackChannelConfiguration", Match.objectLike(Map.of(
                "SlackWorkspaceId", "T0123456789",
                "SlackChannelId", "C0123456789",
                "SnsTopicArns", List.of(Map.of("Ref", slackTopic)))));
    }
}
