package br.com.podcartoes.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The app synthesized once per JVM and shared by every test: jsii starts a Node.js process per JVM and a synth
 * takes seconds, so each configuration is built once. Context values differ from the defaults on purpose, so a
 * test proves the value travelled from context to template.
 */
final class Synthesized {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The configuration most tests assert against (no Slack, artifacts bucket created by the app). */
    static final Map<String, Object> CONTEXT = Map.ofEntries(
            Map.entry("notificationEmail", "dados@podcartoes.com.br"),
            Map.entry("monthlyBudgetUsd", "75"),
            Map.entry("billingAlarmUsd", "120"),
            Map.entry("kpuPriceUsd", "0.12"),
            Map.entry("scheduleDay", "3"),
            Map.entry("scheduleHour", "7"),
            Map.entry("parallelism", "4"),
            Map.entry("parallelismPerKpu", "2"),
            Map.entry("jobTimeoutMinutes", "90"),
            Map.entry("jobPollMinutes", "5"),
            Map.entry("landingWaitHours", "48"),
            Map.entry("landingPollMinutes", "30"),
            Map.entry("rawInfrequentAccessAfterDays", "120"),
            Map.entry("noncurrentVersionRetentionDays", "365"),
            Map.entry("athenaBytesScannedCutoffPerQuery", "5368709120"));

    /** Slack on, and an existing artifacts bucket instead of the artifacts stack. */
    static final Map<String, Object> SLACK_CONTEXT = Map.of(
            "notificationEmail", "dados@podcartoes.com.br",
            "slackWorkspaceId", "T0123456789",
            "slackChannelId", "C0123456789",
            "artifactsBucket", "empresa-artefatos",
            "artifactsKey", "releases/pod-cartoes-lake.jar",
            // Explicit: the default follows CDK_DEFAULT_REGION, which a developer's machine may set.
            "region", "sa-east-1");

    /** Both opt-ins on: Lake Formation and QuickSight. */
    static final Map<String, Object> OPT_IN_CONTEXT = Map.of(
            "notificationEmail", "dados@podcartoes.com.br",
            "lakeFormation", "true",
            "quicksight", "true",
            "quicksightPrincipalArn", "arn:aws:quicksight:sa-east-1:123456789012:group/default/analistas",
            "region", "sa-east-1");

    final DeployConfig config;
    final PodCartoesApp.Stacks stacks;
    final Path outdir;
    final Template lake;
    final Template billing;
    final JsonNode lakeJson;

    private Synthesized(Map<String, Object> context) {
        try {
            outdir = Files.createTempDirectory("pod-cartoes-cdk-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        App app = PodCartoesApp.newApp(outdir.toString(), context);
        config = DeployConfig.fromContext(key -> app.getNode().tryGetContext(key));
        stacks = PodCartoesApp.build(app, config);
        app.synth();
        lake = Template.fromStack(stacks.lake());
        billing = Template.fromStack(stacks.billing());
        lakeJson = JSON.valueToTree(lake.toJSON());
    }

    private static final class Default {
        static final Synthesized INSTANCE = new Synthesized(CONTEXT);
    }

    private static final class WithSlack {
        static final Synthesized INSTANCE = new Synthesized(SLACK_CONTEXT);
    }

    private static final class WithOptIns {
        static final Synthesized INSTANCE = new Synthesized(OPT_IN_CONTEXT);
    }

    static Synthesized withOptIns() {
        return WithOptIns.INSTANCE;
    }

    static Synthesized app() {
        return Default.INSTANCE;
    }

    static Synthesized withSlack() {
        return WithSlack.INSTANCE;
    }

    // ---- navigation helpers ---------------------------------------------------------------------------------

    /** The logical id CloudFormation will see for a construct's L1 resource. */
    static String logicalId(IConstruct construct) {
        IConstruct child = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return Stack.of(child).getLogicalId((CfnElement) child);
    }

    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        lakeJson.get("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().get("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    JsonNode resource(String logicalId) {
        return lakeJson.get("Resources").get(logicalId);
    }

    /** Every statement that applies to a role: its inline policies and the managed policies it carries. */
    List<JsonNode> statementsOf(String roleLogicalId) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : resources("AWS::IAM::Policy").values()) {
            if (refs(policy.at("/Properties/Roles"), roleLogicalId)) {
                policy.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        }
        JsonNode managed = resource(roleLogicalId).at("/Properties/ManagedPolicyArns");
        for (Map.Entry<String, JsonNode> policy : resources("AWS::IAM::ManagedPolicy").entrySet()) {
            if (refs(managed, policy.getKey())) {
                policy.getValue().at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        }
        return statements;
    }

    /** Every IAM statement of the stack (inline, managed, bucket, topic and key policies). */
    List<JsonNode> allStatements() {
        List<JsonNode> statements = new ArrayList<>();
        lakeJson.get("Resources").forEach(r -> {
            JsonNode props = r.get("Properties");
            if (props == null) {
                return;
            }
            for (String field : List.of("PolicyDocument", "KeyPolicy")) {
                JsonNode doc = props.get(field);
                if (doc != null) {
                    doc.get("Statement").forEach(statements::add);
                }
            }
        });
        return statements;
    }

    static JsonNode statement(List<JsonNode> statements, String sid) {
        List<JsonNode> matching = statements.stream().filter(s -> sid.equals(s.path("Sid").asText())).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one statement " + sid + ", found " + matching.size() + " in " + statements);
        }
        return matching.get(0);
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(n -> values.add(render(n)));
        } else {
            values.add(render(node));
        }
        return values;
    }

    /**
     * CloudFormation intrinsics as readable text: {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/raw/*"]]}
     * becomes "${B.Arn}/raw/*", {"Ref": "X"} becomes "${X}".
     */
    static String render(JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return "${" + node.get("Ref").asText() + "}";
        }
        if (node.has("Fn::GetAtt")) {
            return "${" + node.get("Fn::GetAtt").get(0).asText() + "." + node.get("Fn::GetAtt").get(1).asText() + "}";
        }
        if (node.has("Fn::ImportValue")) {
            return "${Import:" + render(node.get("Fn::ImportValue")) + "}";
        }
        if (node.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            Iterator<JsonNode> parts = node.get("Fn::Join").get(1).elements();
            String separator = node.get("Fn::Join").get(0).asText();
            while (parts.hasNext()) {
                joined.append(render(parts.next()));
                if (parts.hasNext()) {
                    joined.append(separator);
                }
            }
            return joined.toString();
        }
        return node.toString();
    }

    private static boolean refs(JsonNode list, String logicalId) {
        if (list == null || list.isMissingNode()) {
            return false;
        }
        for (JsonNode item : list) {
            if (logicalId.equals(item.path("Ref").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The state machine's ASL definition, parsed (intrinsics rendered as ${...}). */
    JsonNode stateMachineDefinition() {
        JsonNode machine = resources("AWS::StepFunctions::StateMachine").values().iterator().next();
        try {
            return JSON.readTree(render(machine.at("/Properties/DefinitionString")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
