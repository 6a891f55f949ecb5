package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Keeping the bill in check: a monthly AWS Budget on the project's cost-allocation tag with alerts at 80% and
 * 100%, and the tags themselves. (The EstimatedCharges alarm lives in {@link BillingAlarmStack}, in us-east-1;
 * the per-run cost estimate is passed to the job as kpu-price-usd and shown in the run notification.)
 */
public final class CostControls extends Construct {
    public static final String TAG_KEY = "projeto";
    public static final String TAG_VALUE = "pod-cartoes";
    public static final List<Integer> ALERT_PERCENTAGES = List.of(80, 100);

    private final CfnBudget budget;

    public CostControls(Construct scope, String id, DeployConfig config, ITopic topic) {
        super(scope, id);
        budget = CfnBudget.Builder.create(this, "Budget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName("pod-cartoes-mensal")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder()
                                .amount(config.monthlyBudgetUsd())
                                .unit("USD")
                                .build())
                        // Only the project's resources count: the tag must be activated as a cost-allocation tag
                        // in the Billing console once (README), or the budget sees nothing.
                        .costFilters(Map.of("TagKeyValue", List.of("user:" + TAG_KEY + "$" + TAG_VALUE)))
                        .build())
                .notificationsWithSubscribers(ALERT_PERCENTAGES.stream().map(percent ->
                        CfnBudget.NotificationWithSubscribersProperty.builder()
                                .notification(CfnBudget.NotificationProperty.builder()
                                        .notificationType("ACTUAL")
                                        .comparisonOperator("GREATER_THAN")
                                        .threshold(percent)
                                        .thresholdType("PERCENTAGE")
                                        .build())
                                .subscribers(List.of(CfnBudget.SubscriberProperty.builder()
                                        .subscriptionType("SNS")
                                        .address(topic.getTopicArn())
                                        .build()))
                                .build()).toList())
                .build();
    }

    /** Cost-allocation tag on every taggable resource below {@code scope} (CDK propagates it to each L1). */
    public static void tagEverything(IConstruct scope) {
        Tags.of(scope).add(TAG_KEY, TAG_VALUE);
    }

    public CfnBudget budget() {
        return budget;
    }
}
