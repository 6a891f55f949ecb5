package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Alarms reach a person: each topic an alarm notifies lets this project's alarms publish, and only them. */
class AlarmPublishingTest {
    private static final String ALARM_ARN = "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:pod-cartoes-*";

    private final Synthesized app = Synthesized.app();

    @Test
    void everyAlarmTopicAllowsTheProjectsAlarms() {
        for (JsonNode template : List.of(app.lakeJson, Synthesized.JSON.valueToTree(app.billing.toJSON()))) {
            int alarms = 0;
            for (JsonNode resource : template.get("Resources")) {
                if (!resource.get("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                    continue;
                }
                alarms++;
                String name = resource.at("/Properties/AlarmName").asText();
                assertTrue(name.startsWith(AlarmPublishing.ALARM_PREFIX), "alarm outside the topic policy's scope: " + name);
                for (JsonNode action : resource.at("/Properties/AlarmActions")) {
                    JsonNode statement = publishStatement(template, Synthesized.render(action));
                    assertEquals("Allow", statement.get("Effect").asText());
                    assertEquals("sns:Publish", statement.get("Action").asText());
                    assertEquals(ALARM_ARN, Synthesized.render(statement.at("/Condition/ArnLike/aws:SourceArn")));
                    assertEquals("${AWS::AccountId}", Synthesized.render(statement.at("/Condition/StringEquals/aws:SourceAccount")));
                }
            }
            assertTrue(alarms > 0);
        }
    }

    /** The AllowProjectAlarmsPublish statement of the topic policy attached to the topic {@code topicRef}. */
    private static JsonNode publishStatement(JsonNode template, String topicRef) {
        for (JsonNode resource : template.get("Resources")) {
            if (resource.get("Type").asText().equals("AWS::SNS::TopicPolicy")
                    && Synthesized.strings(resource.at("/Properties/Topics")).contains(topicRef)) {
                for (JsonNode statement : resource.at("/Properties/PolicyDocument/Statement")) {
                    if ("AllowProjectAlarmsPublish".equals(statement.path("Sid").asText())
                            && "cloudwatch.amazonaws.com".equals(statement.at("/Principal/Service").asText())) {
                        return statement;
                    }
                }
            }
        }
        throw new AssertionError("topic " + topicRef + " does not let CloudWatch alarms publish");
    }
}
