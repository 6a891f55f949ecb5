package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class CostControlsTest {
    /** Resource types of this app that CloudFormation lets us tag: each must carry the cost-allocation tag. */
    private static final Set<String> TAGGABLE = Set.of("AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role",
            "AWS::Logs::LogGroup", "AWS::KinesisAnalyticsV2::Application", "AWS::StepFunctions::StateMachine",
            "AWS::SNS::Topic", "AWS::Athena::WorkGroup", "AWS::CloudWatch::Alarm", "AWS::Lambda::Function",
            "AWS::Scheduler::ScheduleGroup", "AWS::DynamoDB::Table", "AWS::SQS::Queue");

    private final Synthesized app = Synthesized.app();

    @Test
    void budgetWatchesTheProjectTagWithAlertsAt80And100Percent() {
        JsonNode budget = app.resource(Synthesized.logicalId(app.stacks.lake().costs().budget())).get("Properties");
        assertEquals("COST", budget.at("/Budget/BudgetType").asText());
        assertEquals("MONTHLY", budget.at("/Budget/TimeUnit").asText());
        assertEquals(75, budget.at("/Budget/BudgetLimit/Amount").asInt());
        assertEquals("USD", budget.at("/Budget/BudgetLimit/Unit").asText());
        assertEquals(List.of("user:projeto$pod-cartoes"), Synthesized.strings(budget.at("/Budget/CostFilters/TagKeyValue")));
        List<Integer> thresholds = new ArrayList<>();
        String topic = "${" + Synthesized.logicalId(app.stacks.lake().notifications().topic()) + "}";
        budget.get("NotificationsWithSubscribers").forEach(n -> {
            thresholds.add(n.at("/Notification/Threshold").asInt());
            assertEquals("ACTUAL", n.at("/Notification/NotificationType").asText());
            assertEquals("PERCENTAGE", n.at("/Notification/ThresholdType").asText());
            assertEquals("SNS", n.at("/Subscribers/0/SubscriptionType").asText());
            assertEquals(topic, Synthesized.render(n.at("/Subscribers/0/Address")));
        });
        assertEquals(List.of(80, 100), thresholds);
    }

    @Test
    void billingAlarmOnEstimatedChargesLivesInUsEast1() {
        assertEquals("us-east-1", app.stacks.billing().getRegion());
        app.billing.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/Billing",
                "MetricName", "EstimatedCharges",
                "Dimensions", List.of(Map.of("Name", "Currency", "Value", "USD")),
                "Statistic", "Maximum",
                "Threshold", 120,
                "ComparisonOperator", "GreaterThanThreshold")));
        app.billing.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "dados@podcartoes.com.br",
                "TopicArn", Match.anyValue()));
    }

    @Test
    void everyTaggableResourceCarriesTheCostAllocationTag() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> entry : resourcesOfAllStacks()) {
            JsonNode resource = entry.getValue();
            if (!TAGGABLE.contains(resource.get("Type").asText())) {
                continue;
            }
            checked++;
            JsonNode tags = resource.at("/Properties/Tags");
            boolean tagged = false;
            for (JsonNode tag : tags) {
                tagged |= "projeto".equals(tag.path("Key").asText()) && "pod-cartoes".equals(tag.path("Value").asText());
            }
            assertTrue(tagged, entry.getKey() + " (" + resource.get("Type").asText() + ") lacks projeto=pod-cartoes");
        }
        assertTrue(checked > 20, "only " + checked + " resources checked");
    }

    private List<Map.Entry<String, JsonNode>> resourcesOfAllStacks() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        for (JsonNode template : List.of(app.lakeJson, Synthesized.JSON.valueToTree(app.billing.toJSON()),
                Synthesized.JSON.valueToTree(software.amazon.awscdk.assertions.Template.fromStack(app.stacks.artifacts()).toJSON()))) {
            template.get("Resources").fields().forEachRemaining(all::add);
        }
        return all;
    }
}
