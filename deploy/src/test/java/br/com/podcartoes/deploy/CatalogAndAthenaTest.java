package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class CatalogAndAthenaTest {
    private final Synthesized app = Synthesized.app();
    private final CatalogAndAthena catalog = app.stacks.lake().catalog();

    @Test
    void glueDatabaseIsNamedPodCartoesInThisAccount() {
        JsonNode database = app.resource(Synthesized.logicalId(catalog.database())).get("Properties");
        assertEquals("pod_cartoes", database.at("/DatabaseInput/Name").asText());
        assertEquals("${AWS::AccountId}", Synthesized.render(database.get("CatalogId")));
        String bucket = Synthesized.logicalId(app.stacks.lake().storage().bucket());
        assertEquals("s3://${" + bucket + "}/", Synthesized.render(database.at("/DatabaseInput/LocationUri")));
    }

    @Test
    void eachRoleHasItsOwnWorkgroupAndResultsPrefix() {
        workgroupEnforcesResultsLocationEncryptionAndScanLimit(catalog.analystsWorkGroup(), "pod-cartoes-analistas",
                "athena-results/analistas/");
        workgroupEnforcesResultsLocationEncryptionAndScanLimit(catalog.engineersWorkGroup(), "pod-cartoes-engenharia",
                "athena-results/engenharia/");
        app.lake.resourceCountIs("AWS::Athena::WorkGroup", 2);
    }

    private void workgroupEnforcesResultsLocationEncryptionAndScanLimit(
            software.amazon.awscdk.services.athena.CfnWorkGroup group, String name, String prefix) {
        JsonNode workgroup = app.resource(Synthesized.logicalId(group)).get("Properties");
        assertEquals(name, workgroup.get("Name").asText());
        JsonNode config = workgroup.get("WorkGroupConfiguration");
        assertTrue(config.get("EnforceWorkGroupConfiguration").asBoolean());
        assertEquals(5_368_709_120L, config.get("BytesScannedCutoffPerQuery").asLong());
        String results = Synthesized.logicalId(catalog.resultsBucket());
        assertEquals("s3://${" + results + "}/" + prefix,
                Synthesized.render(config.at("/ResultConfiguration/OutputLocation")));
        assertEquals("SSE_KMS", config.at("/ResultConfiguration/EncryptionConfiguration/EncryptionOption").asText());
        assertEquals("${" + Synthesized.logicalId(app.stacks.lake().storage().key()) + ".Arn}",
                Synthesized.render(config.at("/ResultConfiguration/EncryptionConfiguration/KmsKey")));
    }

    @Test
    void queryResultsExpire() {
        JsonNode rule = app.resource(Synthesized.logicalId(catalog.resultsBucket()))
                .at("/Properties/LifecycleConfiguration/Rules/0");
        assertEquals(30, rule.get("ExpirationInDays").asInt());
    }
}
