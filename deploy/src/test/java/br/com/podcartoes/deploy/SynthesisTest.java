package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** What lands in cdk.out: the three templates, and CDK's offline CloudFormation validation found nothing. */
class SynthesisTest {
    private final Synthesized app = Synthesized.app();

    @Test
    void writesOneTemplatePerStack() {
        for (String stack : new String[] {PodCartoesApp.ARTIFACTS_STACK, PodCartoesApp.LAKE_STACK, PodCartoesApp.BILLING_STACK}) {
            Path template = app.outdir.resolve(stack + ".template.json");
            assertTrue(Files.isRegularFile(template), template.toString());
        }
    }

    @Test
    void cloudFormationValidationReportsNoViolation() throws IOException {
        Path report = app.outdir.resolve("validation-report.json");
        if (!Files.exists(report)) {
            return; // no plugin ran: nothing was reported
        }
        JsonNode plugins = Synthesized.JSON.readTree(report.toFile()).get("pluginReports");
        for (JsonNode plugin : plugins) {
            assertEquals(0, plugin.get("violations").size(), plugin.get("pluginName") + ": " + plugin.get("violations"));
        }
    }

    @Test
    void theOnlyWarningIsNoneWhenAnEmailIsGiven() throws IOException {
        JsonNode metadata = Synthesized.JSON.readTree(app.outdir.resolve(PodCartoesApp.LAKE_STACK + ".metadata.json").toFile());
        StringBuilder warnings = new StringBuilder();
        metadata.fields().forEachRemaining(e -> e.getValue().forEach(entry -> {
            String type = entry.get("type").asText();
            if (type.equals("aws:cdk:warning") || type.equals("aws:cdk:error")) {
                warnings.append(e.getKey()).append(": ").append(entry.get("data")).append('\n');
            }
        }));
        assertEquals("", warnings.toString());
    }
}
