package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void applicationRunningLongerThanTheJobTimeoutPlusGrace() {
        JsonNode alarm = alarm(alarms.applicationRunningTooLong());
        assertEquals("AWS/KinesisAnalytics", alarm.get("Namespace").asText());
        assertEquals("uptime", alarm.get("MetricName").asText());
        assertEquals("Application", alarm.at("/Dimensions/0/Name").asText());
        assertEquals("pod-cartoes-lake", alarm.at("/Dimensions/0/Value").asText());
        // job timeout 90 min + 30 min grace, in milliseconds
        assertEquals(120 * 60_000, alarm.get("Threshold").asInt());
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator").asText());
        assertEquals("notBreaching", alarm.get("TreatMissingData").asText());
        assertEquals(topic, Synthesized.render(alarm.at("/AlarmActions/0")));
    }

    private JsonNode alarm(software.amazon.awscdk.services.cloudwatch.Alarm alarm) {
        return app.resource(Synthesized.logicalId(alarm)).get("Properties");
    }
}
