package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class OperationsDashboardTest {
    private final Synthesized app = Synthesized.app();

    @Test
    void showsRunsRowsCostKpusExecutionsAlarmsAndTheBudget() {
        JsonNode dashboard = app.resource(Synthesized.logicalId(app.stacks.lake().dashboard().dashboard())).get("Properties");
        assertEquals(OperationsDashboard.NAME, dashboard.get("DashboardName").asText());
        String body = Synthesized.render(dashboard.get("DashboardBody"));
        for (String shown : List.of(
                // last runs, from the workflow's metrics
                "\"PodCartoes\",\"ExecucoesComSucesso\"", "\"LinhasCuradas\",\"Tabela\",\"tb_faturas\"",
                "\"LinhasEmQuarentena\",\"Tabela\",\"tb_pagamentos\"", "\"LinhasLidas\"", "\"LinhasBook\"",
                "\"MinutosFaturados\"", "\"CustoUsd\"",
                // the application and the workflow
                "\"AWS/KinesisAnalytics\",\"KPUs\",\"Application\",\"pod-cartoes-lake\"", "\"ExecutionsFailed\"",
                "\"ExecutionsAborted\"", "\"ExecutionsTimedOut\"",
                // alarms and the bill
                "\"type\":\"alarm\"", "\"AWS/Billing\",\"EstimatedCharges\"", "\"region\":\"us-east-1\"", "pod-cartoes-mensal")) {
            assertTrue(body.contains(shown), shown + " not on the dashboard: " + body);
        }
    }

    @Test
    void theMonthlyRunPublishesTheMetricsTheDashboardReads() {
        String role = Synthesized.logicalId(app.stacks.lake().workflow().stateMachine().getRole());
        assertTrue(app.statementsOf(role).stream().anyMatch(s -> Synthesized.strings(s.get("Action")).contains("cloudwatch:PutMetricData")));
        JsonNode publish = app.stateMachineDefinition().at("/States/PublishRunMetrics");
        assertEquals(RunMetrics.NAMESPACE, publish.at("/Arguments/Namespace").asText());
        String data = publish.at("/Arguments/MetricData").asText();
        for (String metric : List.of(RunMetrics.RUNS, RunMetrics.SUCCESSES, RunMetrics.BILLED_MINUTES, RunMetrics.COST,
                RunMetrics.BOOK_ROWS, "LinhasLidas", "LinhasCuradas", "LinhasEmQuarentena")) {
            assertTrue(data.contains("'" + metric + "'"), metric);
        }
        assertEquals("RunOutcome", publish.get("Next").asText());
        assertEquals("PublishRunMetrics", app.stateMachineDefinition().at("/States/ReleaseLock/Next").asText());
    }
}
