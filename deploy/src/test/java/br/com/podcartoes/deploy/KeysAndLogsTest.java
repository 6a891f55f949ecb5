package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Each key names who uses it; every log group carrying execution data is encrypted and expires. */
class KeysAndLogsTest {
    private final Synthesized app = Synthesized.app();
    private final PodCartoesLakeStack lake = app.stacks.lake();
    private final String lakeKey = Synthesized.logicalId(lake.storage().key());

    @Test
    void lakeKeyNamesItsRolesAndCloudWatchLogs() {
        List<JsonNode> statements = LakeStorageTest.toList(app.resource(lakeKey).at("/Properties/KeyPolicy/Statement"));
        JsonNode roles = Synthesized.statement(statements, "LakeRolesThroughS3");
        Set<String> principals = Set.copyOf(Synthesized.strings(roles.at("/Condition/ArnEquals/aws:PrincipalArn")));
        for (var role : List.of(lake.access().applicationRole(), lake.workflow().stateMachine().getRole())) {
            assertTrue(principals.contains("${" + Synthesized.logicalId(role) + ".Arn}"), role.getNode().getPath());
        }
        for (String name : List.of("pod-cartoes-analista", "pod-cartoes-engenharia-dados", "pod-cartoes-operador",
                "pod-cartoes-entrega-landing")) {
            assertTrue(principals.contains("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/" + name), name);
        }
        assertEquals("s3.${AWS::Region}.amazonaws.com", Synthesized.render(roles.at("/Condition/StringEquals/kms:ViaService")));
        JsonNode logs = Synthesized.statement(statements, "CloudWatchLogsEncryptsProjectLogs");
        assertEquals("logs.${AWS::Region}.amazonaws.com", Synthesized.render(logs.at("/Principal/Service")));
        assertTrue(Synthesized.strings(logs.at("/Condition/ArnLike/kms:EncryptionContext:aws:logs:arn")).stream()
                .anyMatch(a -> a.endsWith("log-group:/aws/kinesis-analytics/pod-cartoes-lake")));
    }

    @Test
    void topicKeyNamesThePublishingServicesAndStateMachines() {
        JsonNode policy = app.resources("AWS::KMS::Key").entrySet().stream()
                .filter(e -> e.getKey().startsWith("NotificationsTopicKey")).findFirst().orElseThrow().getValue();
        JsonNode machines = Synthesized.statement(LakeStorageTest.toList(policy.at("/Properties/KeyPolicy/Statement")),
                "AllowPublishFromProjectStateMachines");
        assertEquals(3, Synthesized.strings(machines.at("/Principal/AWS")).size());
    }

    @Test
    void everyLogGroupIsEncryptedWithTheProjectKeyAndExpires() {
        Map<String, JsonNode> groups = app.resources("AWS::Logs::LogGroup");
        Set<String> names = groups.values().stream().map(g -> g.at("/Properties/LogGroupName").asText()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("/aws/kinesis-analytics/pod-cartoes-lake",
                "/aws/vendedlogs/states/pod-cartoes-execucao-mensal", "/aws/vendedlogs/states/pod-cartoes-vigia",
                "/aws/vendedlogs/states/pod-cartoes-limpeza", "/aws/vendedlogs/states/pod-cartoes-prazo-relatorio",
                LakeStorage.MARKERS_LOG_GROUP)), names.toString());
        for (JsonNode group : groups.values()) {
            assertEquals("${" + lakeKey + ".Arn}", Synthesized.render(group.at("/Properties/KmsKeyId")), group.toString());
            assertTrue(group.at("/Properties/RetentionInDays").asInt() > 0, group.toString());
        }
    }

    @Test
    void theCustomResourceLambdaLogsToAGroupWithRetention() {
        String markers = Synthesized.logicalId(lake.storage().markersLogs());
        for (JsonNode function : app.resources("AWS::Lambda::Function").values()) {
            assertEquals("${" + markers + "}", Synthesized.render(function.at("/Properties/LoggingConfig/LogGroup")));
        }
        assertEquals(90, app.resource(markers).at("/Properties/RetentionInDays").asInt());
    }
}
