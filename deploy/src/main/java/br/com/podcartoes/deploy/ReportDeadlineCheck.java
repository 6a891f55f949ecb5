package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.MapJsonataProps;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.PassJsonataProps;
import software.amazon.awscdk.services.stepfunctions.ProvideItems;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsServiceJsonataProps;
import software.constructs.Construct;

/**
 * The alarm for a month that has no successful run report by day {@code reportDeadlineDay}: whatever went wrong
 * (schedule not delivered, files never arrived, every run failed, a notification lost), the month is not in the
 * lake. Late on that day a small state machine reads the previous month's reports in _runs/YYYY-MM/ and publishes
 * 1 (no SUCESSO) or 0 to the metric the alarm watches: the reports, not the workflow, are the ground truth.
 */
public final class ReportDeadlineCheck extends Construct {
    public static final String STATE_MACHINE_NAME = "pod-cartoes-prazo-relatorio";
    public static final String NAMESPACE = "PodCartoes";
    public static final String METRIC = "MesSemRelatorioDeSucesso";
    /** Late enough that the scheduled morning run and a same-day re-run are done. */
    static final int CHECK_HOUR = 22;

    private final StateMachine stateMachine;
    private final Alarm alarm;

    public ReportDeadlineCheck(Construct scope, String id, DeployConfig config, LakeStorage storage, ITopic topic,
                               IQueue deadLetters) {
        super(scope, id);
        stateMachine = OpsStateMachine.create(this, STATE_MACHINE_NAME,
                "PoD Cartoes: o mes anterior tem relatorio de execucao com SUCESSO ate o dia limite?",
                definition(storage), Duration.minutes(15), config, topic, storage.key());
        Schedule.Builder.create(this, "Schedule")
                .scheduleName("pod-cartoes-prazo-relatorio")
                .description("PoD Cartoes: dia " + config.reportDeadlineDay() + ", " + CHECK_HOUR + "h: o mes anterior foi processado?")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0").hour(Integer.toString(CHECK_HOUR)).day(Integer.toString(config.reportDeadlineDay()))
                        .month("*").year("*").timeZone(TimeZone.of(config.scheduleTimezone())).build()))
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(3)
                        .build()))
                .build();
        alarm = Alarm.Builder.create(this, "Alarm")
                .alarmName("pod-cartoes-mes-sem-sucesso")
                .alarmDescription("O mes anterior nao tem relatorio _runs/YYYY-MM/*.json com resultado SUCESSO ate o dia "
                        + config.reportDeadlineDay() + ": veja as notificacoes e execucoes do mes e re-execute-o (deploy/README.md)")
                .metric(Metric.Builder.create().namespace(NAMESPACE).metricName(METRIC)
                        .statistic("Maximum").period(Duration.days(1)).build())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                // Published once a month: no data the rest of the month is not a problem.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
    }

    private IChainable definition(LakeStorage storage) {
        String bucket = storage.bucket().getBucketName();
        Pass resolve = Pass.jsonata(this, "PreviousMonth", PassJsonataProps.builder().assign(Map.of("month",
                "{% ($exists($states.input.month) ? $string($states.input.month)"
                        + " : $fromMillis($toMillis($substring($now(), 0, 7) & '-01T00:00:00.000Z') - 86400000, '[Y0001]-[M01]')) %}")).build());

        // Delimiter "/": only the reports directly under the month, not the job's _work/ files.
        CallAwsService list = SdkTask.of(this, "ListMonthReports", "s3", "listObjectsV2", "s3:ListBucket",
                        List.of(storage.bucket().getBucketArn()))
                .arguments(Map.of("Bucket", bucket, "Prefix", "{% '" + LakeLayout.RUNS + "' & $month & '/' %}", "Delimiter", "/"))
                .assign(Map.of("reportKeys", "{% [$states.result.Contents.Key[$contains($, /\\.json$/)]] %}"))
                .build();

        CallAwsService read = CallAwsService.jsonata(this, "ReadReport", CallAwsServiceJsonataProps.builder()
                .service("s3").action("getObject").iamAction("s3:GetObject")
                .iamResources(List.of(storage.bucket().arnForObjects(LakeLayout.RUNS + "*")))
                .additionalIamStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(storage.key().getKeyArn()))
                        .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com")))
                        .build()))
                .parameters(Map.of("Bucket", bucket, "Key", "{% $states.input %}"))
                .outputs("{% $parse($states.result.Body).resultado %}")
                .build());
        read.addRetry(TransientErrors.retry("s3", List.of(), 3, Duration.seconds(10)));
        software.amazon.awscdk.services.stepfunctions.Map readAll = software.amazon.awscdk.services.stepfunctions.Map.jsonata(
                this, "ReadReports", MapJsonataProps.builder()
                        .items(ProvideItems.jsonata("{% $reportKeys %}"))
                        .maxConcurrency(4)
                        .assign(Map.of("results", "{% $states.result %}"))
                        .build());
        readAll.itemProcessor(read);

        CallAwsService publish = SdkTask.of(this, "PublishMetric", "cloudwatch", "putMetricData", "cloudwatch:PutMetricData",
                        // PutMetricData has no resource types: it is scoped by namespace below.
                        List.of("*"))
                .arguments(Map.of("Namespace", NAMESPACE, "MetricData", List.of(Map.of(
                        "MetricName", METRIC, "Unit", "Count",
                        "Value", "{% ('SUCESSO' in $results) ? 0 : 1 %}"))))
                .build();
        resolve.next(list).next(readAll).next(publish).next(Succeed.jsonata(this, "Published"));
        return resolve;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Alarm alarm() {
        return alarm;
    }
}
