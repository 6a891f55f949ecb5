package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The landing writer writes landing/ only; the operator runs a month without touching the data layers. */
class OperationsAccessTest {
    private final Synthesized app = Synthesized.app();
    private final OperationsAccess operations = app.stacks.lake().operations();
    private final String bucket = "${" + Synthesized.logicalId(app.stacks.lake().storage().bucket()) + ".Arn}";
    private final List<JsonNode> writer = app.statementsOf(Synthesized.logicalId(operations.landingWriter()));
    private final List<JsonNode> operator = app.statementsOf(Synthesized.logicalId(operations.operator()));

    @Test
    void landingWriterPutsObjectsInLandingAndNothingElse() {
        JsonNode put = Synthesized.statement(writer, "PutLandingFiles");
        assertEquals(Set.of("s3:PutObject", "s3:AbortMultipartUpload"), Set.copyOf(Synthesized.strings(put.get("Action"))));
        assertEquals(List.of(bucket + "/landing/*"), Synthesized.strings(put.get("Resource")));
        for (JsonNode statement : writer) {
            for (String action : Synthesized.strings(statement.get("Action"))) {
                assertTrue(Set.of("s3:PutObject", "s3:AbortMultipartUpload", "kms:GenerateDataKey", "kms:Decrypt").contains(action),
                        action);
            }
        }
        assertEquals("pod-cartoes-entrega-landing",
                app.resource(Synthesized.logicalId(operations.landingWriter())).at("/Properties/RoleName").asText());
    }

    @Test
    void operatorDrivesTheApplicationIncludingTheRollbackCommand() {
        JsonNode app_ = Synthesized.statement(operator, "OperateApplication");
        assertTrue(Synthesized.strings(app_.get("Action")).containsAll(List.of("kinesisanalytics:StartApplication",
                "kinesisanalytics:StopApplication", "kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication")));
        assertEquals(List.of("arn:${AWS::Partition}:kinesisanalytics:${AWS::Region}:${AWS::AccountId}:application/pod-cartoes-lake"),
                Synthesized.strings(app_.get("Resource")));
        assertEquals("kinesisanalytics.amazonaws.com",
                Synthesized.statement(operator, "PassApplicationRole").at("/Condition/StringEquals/iam:PassedToService").asText());
        assertTrue(Synthesized.strings(Synthesized.statement(operator, "ReadLogs").get("Resource")).stream()
                .anyMatch(r -> r.endsWith("log-group:/aws/kinesis-analytics/pod-cartoes-lake:*")));
        assertEquals(List.of("states:StartExecution", "states:ListExecutions"),
                Synthesized.strings(Synthesized.statement(operator, "RunMonthly").get("Action")));
        assertEquals(List.of("${" + Synthesized.logicalId(app.stacks.lake().lock().table()) + ".Arn}"),
                Synthesized.strings(Synthesized.statement(operator, "HoldTheLock").get("Resource")));
        assertEquals(List.of("arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/PodCartoesLake/*"),
                Synthesized.strings(Synthesized.statement(operator, "ReadStackOutputs").get("Resource")));
    }

    @Test
    void operatorReadsRunReportsButNoDataLayer() {
        assertEquals(List.of(bucket + "/_runs/*"), Synthesized.strings(Synthesized.statement(operator, "ReadRunReports").get("Resource")));
        for (JsonNode statement : operator) {
            for (String resource : Synthesized.strings(statement.get("Resource"))) {
                if (resource.startsWith(bucket + "/")) {
                    assertEquals(bucket + "/_runs/*", resource, statement.get("Sid").asText());
                }
            }
            assertFalse(Synthesized.strings(statement.get("Action")).stream().anyMatch(a -> a.startsWith("s3:Put")
                    || a.startsWith("s3:Delete")), statement.toString());
        }
        assertEquals(List.of("_runs/*"),
                Synthesized.strings(Synthesized.statement(operator, "ListRunReports").at("/Condition/StringLike/s3:prefix")));
    }
}
