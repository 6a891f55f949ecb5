package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Lake Formation and QuickSight: absent by default (IAM as before), present and wired with the opt-ins. */
class OptInsTest {
    private final Synthesized plain = Synthesized.app();
    private final Synthesized optIn = Synthesized.withOptIns();

    @Test
    void offByDefaultIamAsBefore() {
        plain.lakeJson.get("Resources").forEach(r -> {
            String type = r.get("Type").asText();
            assertFalse(type.startsWith("AWS::LakeFormation::") || type.startsWith("AWS::QuickSight::"), type);
        });
        List<JsonNode> analyst = plain.statementsOf(Synthesized.logicalId(plain.stacks.lake().access().analystRole()));
        Synthesized.statement(analyst, "ReadCuratedAndRefined");
        assertTrue(analyst.stream().noneMatch(s -> s.toString().contains("lakeformation:")));
    }

    @Test
    void lakeFormationRegistersTheBucketAndGrantsLayerTags() {
        PodCartoesLakeStack lake = optIn.stacks.lake();
        String bucket = "${" + Synthesized.logicalId(lake.storage().bucket()) + ".Arn}";
        JsonNode location = optIn.resource(Synthesized.logicalId(lake.lakeFormation().location())).get("Properties");
        assertEquals(bucket, Synthesized.render(location.get("ResourceArn")));
        assertTrue(location.get("UseServiceLinkedRole").asBoolean());
        JsonNode tag = optIn.resource(Synthesized.logicalId(lake.lakeFormation().tag())).get("Properties");
        assertEquals("camada", tag.get("TagKey").asText());
        assertEquals(List.of("raw", "curated", "quarantine", "refined"), Synthesized.strings(tag.get("TagValues")));

        Map<String, JsonNode> grants = optIn.resources("AWS::LakeFormation::PrincipalPermissions");
        JsonNode analyst = grantTo(grants, "role/pod-cartoes-analista", "LFTagPolicy");
        assertEquals(List.of("curated", "refined"), Synthesized.strings(analyst.at("/Properties/Resource/LFTagPolicy/Expression/0/TagValues")));
        assertEquals(Set.of("SELECT", "DESCRIBE"), Set.copyOf(Synthesized.strings(analyst.at("/Properties/Permissions"))));
        JsonNode engineer = grantTo(grants, "role/pod-cartoes-engenharia-dados", "LFTagPolicy");
        assertEquals(4, Synthesized.strings(engineer.at("/Properties/Resource/LFTagPolicy/Expression/0/TagValues")).size());
        JsonNode app = grantTo(grants, Synthesized.logicalId(lake.access().applicationRole()), "Database");
        assertTrue(Synthesized.strings(app.at("/Properties/Permissions")).contains("CREATE_TABLE"));
    }

    @Test
    void withLakeFormationAnalystsReadThroughItNotThroughS3Prefixes() {
        PodCartoesLakeStack lake = optIn.stacks.lake();
        List<JsonNode> analyst = optIn.statementsOf(Synthesized.logicalId(lake.access().analystRole()));
        assertEquals(List.of("lakeformation:GetDataAccess"),
                Synthesized.strings(Synthesized.statement(analyst, "LakeFormationDataAccess").get("Action")));
        String bucket = "${" + Synthesized.logicalId(lake.storage().bucket()) + ".Arn}";
        assertTrue(analyst.stream().noneMatch(s -> Synthesized.strings(s.get("Resource")).stream().anyMatch(r -> r.startsWith(bucket))));
        JsonNode key = optIn.resource(Synthesized.logicalId(lake.storage().key()));
        JsonNode lf = Synthesized.statement(LakeStorageTest.toList(key.at("/Properties/KeyPolicy/Statement")),
                "LakeFormationReadsRegisteredLocation");
        assertTrue(Synthesized.strings(lf.at("/Condition/ArnEquals/aws:PrincipalArn")).get(0).endsWith("AWSServiceRoleForLakeFormationDataAccess"));
    }

    @Test
    void quickSightAthenaSourceDatasetsAndDashboard() {
        QuickSightAnalytics qs = optIn.stacks.lake().quickSight();
        String owner = Synthesized.OPT_IN_CONTEXT.get("quicksightPrincipalArn").toString();
        JsonNode source = optIn.resource(Synthesized.logicalId(qs.dataSource())).get("Properties");
        assertEquals("ATHENA", source.get("Type").asText());
        assertEquals("pod-cartoes-analistas", source.at("/DataSourceParameters/AthenaParameters/WorkGroup").asText());
        assertEquals(owner, source.at("/Permissions/0/Principal").asText());

        JsonNode book = optIn.resource(Synthesized.logicalId(qs.bookDataSet())).get("Properties");
        assertEquals("DIRECT_QUERY", book.get("ImportMode").asText());
        assertTrue(book.at("/PhysicalTableMap/consulta/CustomSql/SqlQuery").asText().contains("FROM pod_cartoes.book_fatura"));
        JsonNode quarantine = optIn.resource(Synthesized.logicalId(qs.quarantineDataSet())).get("Properties");
        String sql = quarantine.at("/PhysicalTableMap/consulta/CustomSql/SqlQuery").asText();
        assertTrue(sql.contains("pod_cartoes.quarentena_tb_faturas") && sql.contains("GROUP BY tabela, ano, mes, motivo"), sql);
        assertFalse(sql.contains("registro"), "the summary never exposes rejected lines");

        JsonNode dashboard = optIn.resource(Synthesized.logicalId(qs.dashboard())).get("Properties");
        assertEquals(owner, dashboard.at("/Permissions/0/Principal").asText());
        String visuals = dashboard.at("/Definition/Sheets/0/Visuals").toString();
        for (String column : List.of("pct_inadimplencia_u1m", "pct_pagamento_em_dia_u1m", "\"DateGranularity\":\"MONTH\"")) {
            assertTrue(visuals.contains(column), column);
        }
        assertEquals("${" + Synthesized.logicalId(qs.bookDataSet()) + ".Arn}",
                Synthesized.render(dashboard.at("/Definition/DataSetIdentifierDeclarations/0/DataSetArn")));
    }

    private static JsonNode grantTo(Map<String, JsonNode> grants, String principal, String resourceKind) {
        return grants.values().stream()
                .filter(g -> Synthesized.render(g.at("/Properties/Principal/DataLakePrincipalIdentifier")).contains(principal)
                        && g.at("/Properties/Resource").has(resourceKind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + resourceKind + " grant to " + principal));
    }
}
