package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for the operator: the last runs (outcome, rows, book rows, billed minutes and cost, from
 * the metrics the workflow publishes), the application's KPUs (there only while it bills), the executions of the
 * monthly run and of the guard, every alarm, and the account's estimated charges next to the budget.
 */
public final class OperationsDashboard extends Construct {
    public static final String NAME = "pod-cartoes-operacao";
    /** Runs are monthly: a point per day over more than a year. */
    private static final Duration RUN_PERIOD = Duration.days(1);

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, DeployConfig config, FlinkApplication application,
                               IStateMachine monthlyRun, IStateMachine guard, List<IAlarm> alarms) {
        super(scope, id);
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(NAME)
                .defaultInterval(Duration.days(400))
                .build();

        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# PoD Cartões: operação\n"
                        + "Uma execução por mês (dia " + config.scheduleDay() + "). Números por execução vêm do workflow "
                        + "(namespace `" + RunMetrics.NAMESPACE + "`); o relatório completo está em `_runs/AAAA-MM/`. "
                        + "Roteiro do operador: `deploy/README.md`.")
                .width(24).height(2).build());

        dashboard.addWidgets(
                graph("Execuções mensais (por dia)", List.of(
                        monthlyRun.metricStarted(sum()), monthlyRun.metricSucceeded(sum()), monthlyRun.metricFailed(sum()),
                        monthlyRun.metricAborted(sum()), monthlyRun.metricTimedOut(sum()), run(RunMetrics.SUCCESSES, "Sum"))),
                graph("Linhas por execução", rowMetrics()),
                graph("Duração faturada (min) e custo (US$)", List.of(
                        run(RunMetrics.BILLED_MINUTES, "Maximum"), run(RunMetrics.COST, "Maximum"))));

        Metric kpus = Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName("KPUs")
                .dimensionsMap(Map.of("Application", application.applicationName()))
                .statistic("Maximum").period(Duration.minutes(5)).label("KPUs (só enquanto cobra)").build();
        dashboard.addWidgets(
                SingleValueWidget.Builder.create().title("Aplicação: KPUs agora (vazio = parada)")
                        .metrics(List.of(kpus)).width(6).height(6).build(),
                GraphWidget.Builder.create().title("Aplicação: KPUs faturados").left(List.of(kpus)).width(6).height(6).build(),
                graph("Vigia: aplicação ligada sem execução", List.of(guard.metricStarted(sum()), guard.metricFailed(sum()))),
                AlarmStatusWidget.Builder.create().title("Alarmes").alarms(alarms).width(6).height(6).build());

        // Billing metrics exist only in us-east-1; a dashboard may show another region's metric.
        Metric charges = Metric.Builder.create().namespace("AWS/Billing").metricName("EstimatedCharges")
                .dimensionsMap(Map.of("Currency", "USD")).region(BillingAlarmStack.REGION)
                .statistic("Maximum").period(Duration.hours(6)).label("Conta inteira (US$)").build();
        dashboard.addWidgets(
                GraphWidget.Builder.create().title("Cobrança estimada da conta vs. orçamento do projeto")
                        .left(List.of(charges)).width(18).height(6).build(),
                TextWidget.Builder.create().markdown("### Orçamento\nAWS Budget `pod-cartoes-mensal`: US$ "
                        + config.monthlyBudgetUsd().toPlainString() + "/mês na tag `projeto=pod-cartoes` (alertas em 80% e "
                        + "100%). A cobrança ao lado é da conta inteira (alarme em US$ " + config.billingAlarmUsd().toPlainString()
                        + ").").width(6).height(6).build());
    }

    private static List<IMetric> rowMetrics() {
        List<IMetric> metrics = new ArrayList<>();
        for (String table : RunMetrics.TABLES) {
            for (List<String> metric : RunMetrics.PER_TABLE) {
                metrics.add(Metric.Builder.create().namespace(RunMetrics.NAMESPACE).metricName(metric.get(0))
                        .dimensionsMap(Map.of(RunMetrics.TABLE_DIMENSION, table))
                        .statistic("Maximum").period(RUN_PERIOD).label(table + " " + metric.get(1)).build());
            }
        }
        metrics.add(run(RunMetrics.BOOK_ROWS, "Maximum"));
        return metrics;
    }

    private static IMetric run(String name, String statistic) {
        return Metric.Builder.create().namespace(RunMetrics.NAMESPACE).metricName(name)
                .statistic(statistic).period(RUN_PERIOD).build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(RUN_PERIOD).build();
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
