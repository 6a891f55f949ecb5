package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The state machine's definition, read as a graph: wait/retry, deadlines, failure and always-stop paths. */
class MonthlyRunWorkflowTest {
    /** Ways out of a start: stopped, found stopped, or refused (ResourceInUse: not started by us, never stopped). */
    private static final Set<String> AFTER_START_EXITS = Set.of("StopApplication", "AlreadyStopped", "StartRefused");

    private final Synthesized app = Synthesized.app();
    private final JsonNode definition = app.stateMachineDefinition();
    private final JsonNode states = definition.get("States");
    private final String bucket = "${" + Synthesized.logicalId(app.stacks.lake().storage().bucket()) + "}";

    @Test
    void usesJsonataAndAnExecutionTimeout() {
        assertEquals("JSONata", definition.get("QueryLanguage").asText());
        assertEquals("ResolveRun", definition.get("StartAt").asText());
        // landing 48 h + 30 min poll + 10 min READY wait + job 90 min + 5 min poll + 60 min for the stop = 3075 min
        assertEquals(3075 * 60, definition.get("TimeoutSeconds").asInt());
    }

    @Test
    void monthComesFromTheInputOrIsThePreviousCalendarMonth() {
        String month = state("ResolveRun").at("/Assign/month").asText();
        assertTrue(month.contains("$states.input.month"), month);
        // first day of the current month minus one day, formatted YYYY-MM
        assertTrue(month.contains("$substring($now(), 0, 7) & '-01T00:00:00.000Z') - 86400000, '[Y0001]-[M01]'"), month);
        JsonNode valid = state("MonthIsValid").at("/Choices/0");
        assertEquals("{% $contains($month, /^[0-9]{4}-(0[1-9]|1[0-2])$/) %}", valid.get("Condition").asText());
        assertEquals("PrepareRun", valid.get("Next").asText());
        assertEquals("InvalidMonth", state("MonthIsValid").get("Default").asText());
        assertEquals("NotifyFailure", state("InvalidMonth").get("Next").asText());
    }

    @Test
    void waitsForBothLandingFilesWithPollingAndADeadline() {
        JsonNode prepare = state("PrepareRun").get("Assign");
        assertEquals("{% 'landing/tb_faturas_' & $substring($month, 0, 4) & $substring($month, 5, 2) & '.csv' %}",
                prepare.get("faturasKey").asText());
        assertEquals("{% 'landing/tb_pagamentos_' & $substring($month, 0, 4) & $substring($month, 5, 2) & '.csv' %}",
                prepare.get("pagamentosKey").asText());
        assertEquals("{% $toMillis($now()) + 172800000 %}", prepare.get("landingDeadline").asText());

        for (String check : List.of("CheckFaturasInLanding", "CheckPagamentosInLanding")) {
            JsonNode task = state(check);
            assertEquals("arn:${AWS::Partition}:states:::aws-sdk:s3:listObjectsV2", task.get("Resource").asText());
            assertEquals(bucket, task.at("/Arguments/Bucket").asText());
            assertRetries(task);
            assertEquals("NotifyFailure", task.at("/Catch/0/Next").asText());
        }
        assertEquals("{% $faturasKey %}", state("CheckFaturasInLanding").at("/Arguments/Prefix").asText());
        assertEquals("{% $pagamentosKey %}", state("CheckPagamentosInLanding").at("/Arguments/Prefix").asText());

        JsonNode ready = state("LandingFilesReady");
        assertEquals("{% $faturasReady and $pagamentosReady %}", ready.at("/Choices/0/Condition").asText());
        assertEquals("AcquireLock", ready.at("/Choices/0/Next").asText());
        assertEquals("{% $toMillis($now()) >= $landingDeadline %}", ready.at("/Choices/1/Condition").asText());
        assertEquals("LandingFilesMissing", ready.at("/Choices/1/Next").asText());
        assertEquals("WaitForLandingFiles", ready.get("Default").asText());
        assertEquals(30 * 60, state("WaitForLandingFiles").get("Seconds").asInt());
        assertEquals("CheckFaturasInLanding", state("WaitForLandingFiles").get("Next").asText());
        // a missing file is a failure notification, and nothing was started so nothing is stopped
        assertEquals("NotifyFailure", state("LandingFilesMissing").get("Next").asText());
        assertEquals("espera-landing", state("LandingFilesMissing").at("/Assign/failureStage").asText());
    }

    @Test
    void neverTouchesAnApplicationThatIsNotIdle() {
        JsonNode idle = state("ApplicationIdle");
        assertEquals("{% $appStatus = 'READY' %}", idle.at("/Choices/0/Condition").asText());
        assertEquals("SetRunProperties", idle.at("/Choices/0/Next").asText());
        assertEquals("ApplicationBusy", idle.get("Default").asText());
        // Nothing before StartApplication can reach StopApplication: a busy application belongs to another run.
        Set<String> beforeStart = reachable("ResolveRun", Set.of("StartApplication"));
        assertFalse(beforeStart.contains("StopApplication"), beforeStart.toString());
        assertTrue(beforeStart.contains("NotifyFailure"));
    }

    @Test
    void takesTheLockBeforeUpdatingAndReleasesItOnEveryPathAfter() {
        // Nothing reaches UpdateApplication without going through the lock.
        assertFalse(reachable("ResolveRun", Set.of("AcquireLock")).contains("SetRunProperties"));
        // After the lock is taken, no end is reachable without ReleaseLock.
        Set<String> withoutRelease = reachable("DescribeApplicationBeforeRun", Set.of("ReleaseLock"));
        for (String end : List.of("NotifySuccess", "NotifyFailure", "RunSucceeded", "RunFailed", "StartAutomaticRerun")) {
            assertFalse(withoutRelease.contains(end), end + " reachable with the lock held: " + withoutRelease);
        }
        JsonNode acquire = state("AcquireLock");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:dynamodb:putItem", acquire.get("Resource").asText());
        assertEquals(RunLock.FREE, acquire.at("/Arguments/ConditionExpression").asText());
        assertEquals("{% $states.context.Execution.Id %}", acquire.at("/Arguments/Item/dono/S").asText());
        assertEquals(List.of("DynamoDb.ConditionalCheckFailedException"), Synthesized.strings(acquire.at("/Catch/0/ErrorEquals")));
        assertEquals("ReadLockHolder", acquire.at("/Catch/0/Next").asText());
        assertEquals("LockHeld", state("ReadLockHolder").get("Next").asText());
        assertEquals("NotifyFailure", state("LockHeld").get("Next").asText());
        JsonNode release = state("ReleaseLock");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:dynamodb:deleteItem", release.get("Resource").asText());
        assertEquals("dono = :dono", release.at("/Arguments/ConditionExpression").asText());
        app.lake.hasResourceProperties("AWS::DynamoDB::Table", java.util.Map.of("TableName", RunLock.TABLE_NAME,
                "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    void waitsForReadyAfterTheUpdateWithABoundedWait() {
        assertEquals("{% $toMillis($now()) + 600000 %}", state("SetRunProperties").at("/Assign/readyDeadline").asText());
        assertEquals(30, state("WaitUntilReady").get("Seconds").asInt());
        JsonNode ready = state("ApplicationReadyAfterUpdate");
        assertEquals("{% $appStatus = 'READY' %}", ready.at("/Choices/0/Condition").asText());
        assertEquals("StartApplication", ready.at("/Choices/0/Next").asText());
        assertEquals("WaitUntilReady", ready.at("/Choices/1/Next").asText());
        assertEquals("NotReadyAfterUpdate", ready.get("Default").asText());
    }

    @Test
    void reRunsOnceAfterATransientStageOnly() {
        assertEquals("{% $report.resultado = 'FALHA' and $report.etapa_falha in ['deteccao', 'raw']"
                + " and $applicationStopped and $attempt < 2 %}", state("RunOutcome").at("/Choices/1/Condition").asText());
        JsonNode rerun = state("StartAutomaticRerun");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:sfn:startExecution", rerun.get("Resource").asText());
        assertEquals("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:pod-cartoes-execucao-mensal",
                rerun.at("/Arguments/StateMachineArn").asText());
        assertEquals("NotifyFailure", rerun.get("Next").asText());
    }

    @Test
    void setsMonthAndRunIdInThePipelinePropertyGroupThenStarts() {
        JsonNode update = state("SetRunProperties");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:kinesisanalyticsv2:updateApplication",
                update.get("Resource").asText());
        assertEquals("pod-cartoes-lake", update.at("/Arguments/ApplicationName").asText());
        assertEquals("{% $appVersion %}", update.at("/Arguments/CurrentApplicationVersionId").asText());
        JsonNode group = update.at("/Arguments/ApplicationConfigurationUpdate/EnvironmentPropertyUpdates/PropertyGroups/0");
        assertEquals("pipeline", group.get("PropertyGroupId").asText());
        Map<String, String> map = new LinkedHashMap<>();
        group.get("PropertyMap").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        assertEquals("{% $month %}", map.get("month"));
        assertEquals("{% $runId %}", map.get("run-id"));
        // UpdateApplication replaces the whole group: every other key is re-sent with the deployed value.
        assertEquals(Map.of("command", "run", "lake", "s3://" + bucket, "landing", "s3://" + bucket + "/landing",
                "catalog", "glue", "glue-database", "pod_cartoes", "month", "{% $month %}", "run-id", "{% $runId %}",
                "kpu-price-usd", "0.12"), map);
        assertEquals("WaitUntilReady", update.get("Next").asText());

        JsonNode start = state("StartApplication");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:kinesisanalyticsv2:startApplication", start.get("Resource").asText());
        assertEquals("SKIP_RESTORE_FROM_SNAPSHOT",
                start.at("/Arguments/RunConfiguration/ApplicationRestoreConfiguration/ApplicationRestoreType").asText());
        assertEquals("{% $toMillis($now()) + 5400000 %}", start.at("/Assign/jobDeadline").asText());
        assertEquals("WaitForJob", start.get("Next").asText());
    }

    @Test
    void detectsCompletionFromTheRunReport() {
        assertEquals("{% '_runs/' & $month & '/' & $runId & '.json' %}", state("PrepareRun").at("/Assign/reportKey").asText());
        assertEquals(300, state("WaitForJob").get("Seconds").asInt());
        assertEquals("LookForRunReport", state("WaitForJob").get("Next").asText());
        assertEquals("{% $reportKey %}", state("LookForRunReport").at("/Arguments/Prefix").asText());

        JsonNode written = state("RunReportWritten");
        assertEquals("{% $reportReady %}", written.at("/Choices/0/Condition").asText());
        assertEquals("ReadRunReport", written.at("/Choices/0/Next").asText());
        assertEquals("{% $toMillis($now()) >= $jobDeadline %}", written.at("/Choices/1/Condition").asText());
        assertEquals("JobTimedOut", written.at("/Choices/1/Next").asText());
        assertEquals("CheckApplicationStatus", written.get("Default").asText());

        JsonNode read = state("ReadRunReport");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:s3:getObject", read.get("Resource").asText());
        assertEquals("{% $parse($states.result.Body) %}", read.at("/Assign/report").asText());
        JsonNode result = state("RunReportResult");
        assertEquals("{% $report.resultado = 'SUCESSO' %}", result.at("/Choices/0/Condition").asText());
        assertEquals("MarkSuccess", result.at("/Choices/0/Next").asText());
        assertEquals("ReportedFailure", result.get("Default").asText());
        assertTrue(state("ReportedFailure").at("/Assign/failureStage").asText().contains("$report.etapa_falha"));
        assertTrue(state("ReportedFailure").at("/Assign/failureError").asText().contains("$report.erro"));

        JsonNode running = state("ApplicationStillRunning");
        assertEquals("{% $appStatus in ['STARTING', 'RUNNING', 'UPDATING', 'AUTOSCALING', 'MAINTENANCE'] %}",
                running.at("/Choices/0/Condition").asText());
        assertEquals("WaitForJob", running.at("/Choices/0/Next").asText());
        assertEquals("ApplicationStoppedEarly", running.get("Default").asText());
    }

    @Test
    void alwaysStopsTheApplicationOnceStarted() {
        // Every path from StartApplication (including its Catch) to an end or a notification crosses a stop.
        Set<String> withoutStop = reachable("StartApplication", AFTER_START_EXITS);
        for (String end : List.of("NotifySuccess", "NotifyFailure", "RunSucceeded", "RunFailed", "RunOutcome")) {
            assertFalse(withoutStop.contains(end), end + " reachable without stopping: " + withoutStop);
        }
        // Each way out of the run reaches the stop gate.
        for (String exit : List.of("MarkSuccess", "ReportedFailure", "JobTimedOut", "ApplicationStoppedEarly")) {
            assertEquals("DescribeApplicationBeforeStop", state(exit).get("Next").asText(), exit);
        }
        for (String task : List.of("LookForRunReport", "ReadRunReport", "CheckApplicationStatus")) {
            assertEquals("DescribeApplicationBeforeStop", state(task).at("/Catch/0/Next").asText(), task);
            assertEquals("States.ALL", state(task).at("/Catch/0/ErrorEquals/0").asText(), task);
        }
        // A start refused as "in use" was not ours: released and notified, never stopped. Any other error: stopped.
        JsonNode start = state("StartApplication");
        assertEquals(List.of("KinesisAnalyticsV2.ResourceInUseException"), Synthesized.strings(start.at("/Catch/0/ErrorEquals")));
        assertEquals("StartRefused", start.at("/Catch/0/Next").asText());
        assertEquals("ReleaseLock", state("StartRefused").get("Next").asText());
        assertEquals("DescribeApplicationBeforeStop", start.at("/Catch/1/Next").asText());
        // The stop is skipped only when the application is already READY; a failed describe still stops.
        JsonNode needsStop = state("ApplicationNeedsStop");
        assertEquals("{% $appStatus = 'READY' %}", needsStop.at("/Choices/0/Condition").asText());
        assertEquals("StopApplication", needsStop.get("Default").asText());
        assertEquals("StopApplication", state("DescribeApplicationBeforeStop").at("/Catch/0/Next").asText());

        JsonNode stop = state("StopApplication");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:kinesisanalyticsv2:stopApplication", stop.get("Resource").asText());
        assertTrue(stop.at("/Arguments/Force").asBoolean());
        assertEquals(6, stop.at("/Retry/0/MaxAttempts").asInt());
        assertEquals(1, stop.get("Retry").size());
        assertEquals("WaitUntilStopped", stop.get("Next").asText());
        assertEquals("ReleaseLock", stop.at("/Catch/0/Next").asText());
        // the lock goes once the application is READY again (bounded)
        JsonNode stopped = state("ApplicationReadyAfterStop");
        assertEquals("{% $appStatus != 'READY' and $toMillis($now()) < $stopDeadline %}", stopped.at("/Choices/0/Condition").asText());
        assertEquals("WaitUntilStopped", stopped.at("/Choices/0/Next").asText());
        assertEquals("ReleaseLock", stopped.get("Default").asText());
        assertEquals("parada-da-aplicacao", stop.at("/Catch/0/Assign/failureStage").asText());
    }

    @Test
    void notifiesSuccessWithCountsDurationAndCostAndFailureWithStageErrorAndLogs() {
        JsonNode outcome = state("RunOutcome");
        assertEquals("{% $outcome = 'SUCESSO' %}", outcome.at("/Choices/0/Condition").asText());
        assertEquals("NotifySuccess", outcome.at("/Choices/0/Next").asText());
        assertEquals("NotifyFailure", outcome.get("Default").asText());

        String topic = "${" + Synthesized.logicalId(app.stacks.lake().notifications().topic()) + "}";
        JsonNode success = state("NotifySuccess");
        assertEquals("arn:${AWS::Partition}:states:::aws-sdk:sns:publish", success.get("Resource").asText());
        assertEquals(topic, success.at("/Arguments/TopicArn").asText());
        assertEquals("json", success.at("/Arguments/MessageStructure").asText());
        String message = success.at("/Arguments/Message").asText();
        for (String field : List.of("$report.tabelas.tb_faturas.curadas", "$report.tabelas.tb_faturas.quarentena",
                "$report.tabelas.tb_pagamentos.curadas", "$report.tabelas.tb_pagamentos.quarentena",
                "$report.book.linhas", "$report.duracao_total_ms", "$report.custo_estimado_usd", "$month",
                "'default':", "'email':", "'source': 'custom'")) {
            assertTrue(message.contains(field), field);
        }
        // fallback estimate: 3 KPUs (4 / 2 + 1) x hours x 0.12
        assertTrue(message.contains("/ 3600000 * 3 * 0.12"), message);
        assertEquals("RunSucceeded", success.get("Next").asText());

        JsonNode failure = state("NotifyFailure");
        String failureMessage = failure.at("/Arguments/Message").asText();
        for (String field : List.of("$failureStage", "$failureError", "$states.context.Execution.Id",
                "#logsV2:log-groups/log-group/$252Faws$252Fkinesis-analytics$252Fpod-cartoes-lake")) {
            assertTrue(failureMessage.contains(field), field);
        }
        assertEquals("RunFailed", failure.get("Next").asText());
        JsonNode failed = state("RunFailed");
        assertEquals("Fail", failed.get("Type").asText());
        assertEquals(MonthlyRunWorkflow.RUN_FAILED_ERROR, failed.get("Error").asText());
        // SNS subjects must be ASCII
        for (String subject : List.of(success.at("/Arguments/Subject").asText(), failure.at("/Arguments/Subject").asText())) {
            assertTrue(subject.chars().allMatch(c -> c < 128), subject);
        }
    }

    @Test
    void everySdkTaskRetriesTransientErrors() {
        states.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("Task")) {
                assertRetries(e.getValue());
            }
        });
    }

    @Test
    void scheduleStartsTheStateMachineMonthlyOnTheConfiguredDayAndHour() {
        JsonNode schedule = app.resources("AWS::Scheduler::Schedule").values().iterator().next().get("Properties");
        assertEquals("cron(0 7 3 * ? *)", schedule.get("ScheduleExpression").asText());
        assertEquals("America/Sao_Paulo", schedule.get("ScheduleExpressionTimezone").asText());
        assertEquals("ENABLED", schedule.get("State").asText());
        assertEquals("${" + Synthesized.logicalId(app.stacks.lake().workflow().stateMachine()) + "}",
                Synthesized.render(schedule.at("/Target/Arn")));
        // no month: the state machine computes the previous month
        assertEquals("{}", schedule.at("/Target/Input").asText());
        assertEquals(3, schedule.at("/Target/RetryPolicy/MaximumRetryAttempts").asInt());
    }

    @Test
    void stateMachineRoleCanDriveTheApplicationReadTheReportAndPublish() {
        String role = Synthesized.logicalId(app.stacks.lake().workflow().stateMachine().getRole());
        List<JsonNode> statements = app.statementsOf(role);
        String applicationArn = "arn:${AWS::Partition}:kinesisanalytics:${AWS::Region}:${AWS::AccountId}:application/pod-cartoes-lake";
        for (String action : List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication",
                "kinesisanalytics:StartApplication", "kinesisanalytics:StopApplication")) {
            assertTrue(statements.stream().anyMatch(s -> Synthesized.strings(s.get("Action")).contains(action)
                    && Synthesized.strings(s.get("Resource")).equals(List.of(applicationArn))), action);
        }
        String lake = "${" + Synthesized.logicalId(app.stacks.lake().storage().bucket()) + ".Arn}";
        assertTrue(statements.stream().anyMatch(s -> Synthesized.strings(s.get("Action")).contains("s3:GetObject")
                && Synthesized.strings(s.get("Resource")).equals(List.of(lake + "/_runs/*"))));
        statements.stream().filter(s -> Synthesized.strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("s3:")))
                .forEach(s -> assertTrue(Set.of("s3:GetObject", "s3:ListBucket").containsAll(Synthesized.strings(s.get("Action"))),
                        "state machine only reads S3: " + s));
        JsonNode pass = Synthesized.statement(statements, "PassApplicationRole");
        assertEquals("kinesisanalytics.amazonaws.com", pass.at("/Condition/StringEquals/iam:PassedToService").asText());
    }

    private JsonNode state(String name) {
        JsonNode state = states.get(name);
        if (state == null) {
            throw new AssertionError("no state " + name + " in " + states.fieldNames());
        }
        return state;
    }

    /** Transient errors only: throttling, 5xx, timeouts; never a catch-all that would retry AccessDenied. */
    private static void assertRetries(JsonNode task) {
        JsonNode retry = task.path("Retry").path(0);
        assertTrue(retry.path("MaxAttempts").asInt() >= 3, "no retry on " + task);
        List<String> errors = Synthesized.strings(retry.get("ErrorEquals"));
        assertTrue(errors.contains("States.Timeout"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.endsWith(".ThrottlingException")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.endsWith(".ServiceUnavailableException")), errors.toString());
        for (String broad : List.of("States.ALL", "States.TaskFailed")) {
            assertFalse(errors.contains(broad), broad + " would retry AccessDenied and validation errors: " + task);
        }
        assertFalse(errors.stream().anyMatch(e -> e.contains("AccessDenied") || e.contains("Validation")
                || e.contains("InvalidArgument")), errors.toString());
    }

    /** States reachable from start through Next, Choices, Default and Catch, not going through the excluded ones. */
    private Set<String> reachable(String start, Set<String> excluded) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (excluded.contains(name) || !seen.add(name)) {
                continue;
            }
            JsonNode state = state(name);
            Set<String> next = new HashSet<>();
            if (state.has("Next")) {
                next.add(state.get("Next").asText());
            }
            if (state.has("Default")) {
                next.add(state.get("Default").asText());
            }
            state.path("Choices").forEach(c -> next.add(c.get("Next").asText()));
            state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
            todo.addAll(next);
        }
        return seen;
    }
}
