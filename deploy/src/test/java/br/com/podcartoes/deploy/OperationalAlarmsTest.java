package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class OperationalAlarmsTest {
    private final Synthesized app = Synthesized.app();
    private final OperationalAlarms alarms = app.stacks.lake().alarms();
    private final String stateMachine = "${" + Synthesized.logicalId(app.stacks.lake().workflow().stateMachine()) + "}";
    private final String topic = "${" + Synthesized.logicalId(app.stacks.lake().notifications().topic()) + "}";

    @Test
    void stateMachineFailureAlarm() {
        JsonNode alarm = alarm(alarms.executionFailed());
        assertEquals("AWS/States", alarm.get("Namespace").asText());
        assertEquals("ExecutionsFailed", alarm.get("MetricName").asText());
        assertEquals(stateMachine, Synthesized.render(alarm.at("/Dimensions/0/Value")));
        assertEquals(1, alarm.get("Threshold").asInt());
        assertEquals("GreaterThanOrEqualToThreshold", alarm.get("ComparisonOperator").asText());
        assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
    }

    @Test
    void stateMachineTimeoutAlarm() {
        JsonNode alarm = alarm(alarms.executionTimedOut());
        assertEquals("ExecutionsTimedOut", alarm.get("MetricName").asText());
        assertEquals(stateMachine, Synthesized.render(alarm.at("/Dimensions/0/Value")));
        assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
    }

    @Test
    void guardAndCleanupFailuresAlarm() {
        for (var pair : java.util.Map.of(alarms.guardFailed(), app.stacks.lake().guard().stateMachine(),
                alarms.cleanupFailed(), app.stacks.lake().cleanup().stateMachine()).entrySet()) {
            JsonNode alarm = alarm(pair.getKey());
            assertEquals("ExecutionsFailed", alarm.get("MetricName").asText());
            assertEquals("${" + Synthesized.logicalId(pair.getValue()) + "}", Synthesized.render(alarm.at("/Dimensions/0/Value")));
            assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
        }
    }

    @Test
    void theDeprecatedUptimeMetricIsNotWatched() {
        app.resources("AWS::CloudWatch::Alarm").values().forEach(a ->
                assertFalse("uptime".equals(a.at("/Properties/MetricName").asText()), a.toString()));
    }

    @Test
    void scheduleThatCouldNotStartLandsInADeadLetterQueueWithAnAlarm() {
        String queue = Synthesized.logicalId(app.stacks.lake().deadLetters().queue());
        List<JsonNode> schedules = List.copyOf(app.resources("AWS::Scheduler::Schedule").values());
        assertEquals(3, schedules.size(), "monthly run, guard, report deadline");
        for (JsonNode schedule : schedules) {
            assertEquals("${" + queue + ".Arn}", Synthesized.render(schedule.at("/Properties/Target/DeadLetterConfig/Arn")),
                    schedule.at("/Properties/Name").asText());
        }
        JsonNode rule = app.resource(Synthesized.logicalId(app.stacks.lake().cleanup().rule()));
        assertEquals("${" + queue + ".Arn}", Synthesized.render(rule.at("/Properties/Targets/0/DeadLetterConfig/Arn")));
        JsonNode alarm = alarm(app.stacks.lake().deadLetters().alarm());
        assertEquals("AWS/SQS", alarm.get("Namespace").asText());
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.get("MetricName").asText());
        assertEquals("${" + queue + ".QueueName}", Synthesized.render(alarm.at("/Dimensions/0/Value")));
        assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
        // Scheduler may send to the queue
        String role = Synthesized.render(schedules.get(0).at("/Properties/Target/RoleArn"));
        assertTrue(app.allStatements().stream().anyMatch(s -> Synthesized.strings(s.get("Action")).contains("sqs:SendMessage")
                && Synthesized.strings(s.get("Resource")).contains("${" + queue + ".Arn}")), role);
    }

    @Test
    void aMonthWithoutASuccessfulReportByTheDeadlineDayAlarms() {
        ReportDeadlineCheck check = app.stacks.lake().reportDeadline();
        JsonNode alarm = alarm(check.alarm());
        assertEquals(ReportDeadlineCheck.NAMESPACE, alarm.get("Namespace").asText());
        assertEquals(ReportDeadlineCheck.METRIC, alarm.get("MetricName").asText());
        assertEquals(1, alarm.get("Threshold").asInt());
        assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
        JsonNode schedule = app.resources("AWS::Scheduler::Schedule").values().stream()
                .filter(s -> s.at("/Properties/Name").asText().equals("pod-cartoes-prazo-relatorio")).findFirst().orElseThrow();
        // scheduleDay 3 + 48 h landing wait + 2 days for a re-run = day 7, late in the day
        assertEquals("cron(0 22 7 * ? *)", schedule.at("/Properties/ScheduleExpression").asText());
    }

    private JsonNode alarm(software.amazon.awscdk.services.cloudwatch.Alarm alarm) {
        return app.resource(Synthesized.logicalId(alarm)).get("Properties");
    }
}
