package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The wiring of the guard and the cleanup; their decisions are simulated in lint/check-operations.mjs. */
class GuardAndCleanupTest {
    private final Synthesized app = Synthesized.app();
    private final String monthlyRun = "${" + Synthesized.logicalId(app.stacks.lake().workflow().stateMachine()) + "}";

    @Test
    void guardRunsEveryFewMinutesAndStopsOnlyOnTheDecision() {
        JsonNode schedule = app.resources("AWS::Scheduler::Schedule").values().stream()
                .filter(s -> s.at("/Properties/Name").asText().equals("pod-cartoes-vigia")).findFirst().orElseThrow();
        assertEquals("rate(15 minutes)", schedule.at("/Properties/ScheduleExpression").asText());
        JsonNode states = definition(app.stacks.lake().guard().stateMachine()).get("States");
        assertEquals("{% $appStatus in ['STARTING', 'RUNNING', 'AUTOSCALING', 'MAINTENANCE'] %}",
                states.at("/ApplicationBilling/Choices/0/Condition").asText());
        assertEquals(monthlyRun, states.at("/ListRunningMonthlyExecutions/Arguments/StateMachineArn").asText());
        assertEquals("RUNNING", states.at("/ListRunningMonthlyExecutions/Arguments/StatusFilter").asText());
        assertEquals(ApplicationGuard.LEFT_RUNNING, states.at("/LeftRunning/Choices/0/Condition").asText());
        assertEquals("StopLeftRunningApplication", states.at("/LeftRunning/Choices/0/Next").asText());
    }

    @Test
    void interruptedExecutionsOfTheMonthlyRunStartTheCleanup() {
        JsonNode rule = app.resource(Synthesized.logicalId(app.stacks.lake().cleanup().rule())).get("Properties");
        assertEquals(List.of("aws.states"), Synthesized.strings(rule.at("/EventPattern/source")));
        assertEquals(List.of("Step Functions Execution Status Change"), Synthesized.strings(rule.at("/EventPattern/detail-type")));
        assertEquals(List.of(monthlyRun), Synthesized.strings(rule.at("/EventPattern/detail/stateMachineArn")));
        assertEquals(Set.of("ABORTED", "TIMED_OUT", "FAILED"), Set.copyOf(Synthesized.strings(rule.at("/EventPattern/detail/status"))));
        assertEquals("${" + Synthesized.logicalId(app.stacks.lake().cleanup().stateMachine()) + "}",
                Synthesized.render(rule.at("/Targets/0/Arn")));
        JsonNode states = definition(app.stacks.lake().cleanup().stateMachine()).get("States");
        assertEquals(AbandonedRunCleanup.ALREADY_HANDLED, states.at("/AlreadyHandled/Choices/0/Condition").asText());
        assertTrue(states.at("/ReadLock/Assign/ownedLock").asText().contains("$states.input.detail.executionArn"));
        assertEquals("{% $states.input.detail.executionArn %}",
                states.at("/ReleaseLock/Arguments/ExpressionAttributeValues/:dono/S").asText());
    }

    private JsonNode definition(software.amazon.awscdk.services.stepfunctions.StateMachine machine) {
        JsonNode resource = app.resource(Synthesized.logicalId(machine));
        try {
            return Synthesized.JSON.readTree(Synthesized.render(resource.at("/Properties/DefinitionString")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
