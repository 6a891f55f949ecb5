package br.com.podcartoes.deploy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every knob of the deployment, read from CDK context ({@code cdk deploy -c key=value} or cdk.json).
 *
 * <p>Context values are resolved at synth time, so the templates hold concrete values that tests can assert
 * and reviewers can diff; that is why none of these are CloudFormation parameters.
 */
public record DeployConfig(
        String notificationEmail,
        String slackWorkspaceId,
        String slackChannelId,
        String artifactsBucket,
        String artifactsKey,
        String glueDatabase,
        String applicationName,
        int scheduleDay,
        int scheduleHour,
        String scheduleTimezone,
        int parallelism,
        int parallelismPerKpu,
        BigDecimal kpuPriceUsd,
        int landingWaitHours,
        int landingPollMinutes,
        int jobTimeoutMinutes,
        int jobPollMinutes,
        int rawInfrequentAccessAfterDays,
        int noncurrentVersionRetentionDays,
        int logRetentionDays,
        long athenaBytesScannedCutoffPerQuery,
        BigDecimal monthlyBudgetUsd,
        BigDecimal billingAlarmUsd,
        String region,
        int guardIntervalMinutes,
        int reportDeadlineDay,
        int landingExpirationDays,
        int rawArchiveAfterDays,
        boolean lakeFormation,
        boolean quicksight,
        String quicksightPrincipalArn) {

    /** Placeholder that synthesizes but is flagged with a warning: nobody would receive the alerts. */
    public static final String PLACEHOLDER_EMAIL = "alertas-pod-cartoes@example.com";

    /**
     * List price of one KPU-hour per region, the default of kpuPriceUsd for the region deployed to. us-east-1 is the
     * price the project's estimates use (docs/performance.md); sa-east-1 was not verified offline: check
     * https://aws.amazon.com/managed-service-apache-flink/pricing/ and pass -c kpuPriceUsd= if it differs.
     * Any other region must pass kpuPriceUsd: a silent us-east-1 price would understate every notification.
     */
    static final Map<String, String> KPU_PRICE_BY_REGION = Map.of("us-east-1", "0.11", "sa-east-1", "0.17");
    /** The project's region when the context names none (PodCartoesApp passes CDK_DEFAULT_REGION when set). */
    static final String DEFAULT_REGION = "sa-east-1";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern GLUE_NAME = Pattern.compile("^[a-z0-9_]{1,255}$");

    public DeployConfig {
        require(EMAIL.matcher(notificationEmail).matches(), "notificationEmail is not an e-mail: " + notificationEmail);
        require((slackWorkspaceId == null) == (slackChannelId == null),
                "slackWorkspaceId and slackChannelId go together: give both or neither");
        require(GLUE_NAME.matcher(glueDatabase).matches(), "glueDatabase must be lower-case letters, digits, _");
        // Day 29-31 does not exist every month; a schedule that skips February would skip a month's run.
        require(scheduleDay >= 1 && scheduleDay <= 28, "scheduleDay must be 1..28");
        require(scheduleHour >= 0 && scheduleHour <= 23, "scheduleHour must be 0..23");
        require(parallelism >= 1 && parallelismPerKpu >= 1, "parallelism and parallelismPerKpu must be >= 1");
        require(kpuPriceUsd.signum() > 0, "kpuPriceUsd must be > 0");
        require(landingWaitHours >= 1 && landingPollMinutes >= 1, "landing wait/poll must be >= 1");
        require(jobTimeoutMinutes >= 10 && jobPollMinutes >= 1 && jobPollMinutes < jobTimeoutMinutes,
                "jobTimeoutMinutes must be >= 10 and larger than jobPollMinutes");
        // S3 refuses a transition to STANDARD_IA earlier than 30 days.
        require(rawInfrequentAccessAfterDays >= 30, "rawInfrequentAccessAfterDays must be >= 30");
        require(noncurrentVersionRetentionDays >= 1, "retention days must be >= 1");
        // Athena's minimum per-query cutoff is 10 MB.
        require(athenaBytesScannedCutoffPerQuery >= 10_000_000L, "athenaBytesScannedCutoffPerQuery must be >= 10000000");
        require(monthlyBudgetUsd.signum() > 0 && billingAlarmUsd.signum() > 0, "budget and billing alarm must be > 0");
        require(guardIntervalMinutes >= 5 && guardIntervalMinutes <= 60, "guardIntervalMinutes must be 5..60");
        // The check runs late on that day, after the scheduled run of the morning.
        require(reportDeadlineDay >= scheduleDay && reportDeadlineDay <= 28,
                "reportDeadlineDay must be scheduleDay..28");
        // landing/ expires by age: it must outlive the wait for the month's files and a re-run.
        require(landingExpirationDays * 24L > landingWaitHours + 48L, "landingExpirationDays must exceed landingWaitHours + 2 days");
        // S3 needs 30 days in STANDARD_IA before a further transition.
        require(rawArchiveAfterDays == 0 || rawArchiveAfterDays >= rawInfrequentAccessAfterDays + 30,
                "rawArchiveAfterDays must be 0 (off) or >= rawInfrequentAccessAfterDays + 30");
        require(!quicksight || quicksightPrincipalArn != null,
                "quicksight=true needs quicksightPrincipalArn (the QuickSight user or group that owns the dashboard)");
    }

    /** The defaults, overridable one by one through context. */
    public static DeployConfig fromContext(Function<String, Object> context) {
        Reader r = new Reader(context);
        BigDecimal budget = r.decimal("monthlyBudgetUsd", "50");
        String region = r.string("region", DEFAULT_REGION);
        String regionPrice = KPU_PRICE_BY_REGION.get(region);
        if (regionPrice == null && r.optional("kpuPriceUsd") == null) {
            throw new IllegalArgumentException("Invalid deploy context: no KPU price known for " + region
                    + ": pass -c kpuPriceUsd=<price of a KPU-hour there>");
        }
        return new DeployConfig(
                r.string("notificationEmail", PLACEHOLDER_EMAIL),
                r.optional("slackWorkspaceId"),
                r.optional("slackChannelId"),
                r.optional("artifactsBucket"),
                r.string("artifactsKey", "pod-cartoes-lake.jar"),
                r.string("glueDatabase", "pod_cartoes"),
                r.string("applicationName", "pod-cartoes-lake"),
                r.integer("scheduleDay", 5),
                r.integer("scheduleHour", 6),
                r.string("scheduleTimezone", "America/Sao_Paulo"),
                r.integer("parallelism", 2),
                r.integer("parallelismPerKpu", 1),
                r.decimal("kpuPriceUsd", regionPrice),
                r.integer("landingWaitHours", 72),
                r.integer("landingPollMinutes", 60),
                r.integer("jobTimeoutMinutes", 120),
                r.integer("jobPollMinutes", 5),
                r.integer("rawInfrequentAccessAfterDays", 90),
                r.integer("noncurrentVersionRetentionDays", 180),
                r.integer("logRetentionDays", 90),
                r.longValue("athenaBytesScannedCutoffPerQuery", 10L * 1024 * 1024 * 1024),
                budget,
                r.decimal("billingAlarmUsd", budget.toPlainString()),
                region,
                r.integer("guardIntervalMinutes", 15),
                // By default: the scheduled day, plus the wait for landing files, plus two days for a re-run.
                r.integer("reportDeadlineDay", Math.min(28, r.integer("scheduleDay", 5)
                        + (r.integer("landingWaitHours", 72) + 23) / 24 + 2)),
                r.integer("landingExpirationDays", 30),
                r.integer("rawArchiveAfterDays", 365),
                r.bool("lakeFormation"),
                r.bool("quicksight"),
                r.optional("quicksightPrincipalArn"));
    }

    public static DeployConfig fromMap(Map<String, ?> context) {
        return fromContext(context::get);
    }

    /** KPUs billed while the application runs: parallelism / parallelism-per-KPU, plus one KPU that MSF adds per application. */
    public int billedKpus() {
        return (parallelism + parallelismPerKpu - 1) / parallelismPerKpu + 1;
    }

    public Optional<String> slackWorkspace() {
        return Optional.ofNullable(slackWorkspaceId);
    }

    public boolean usesPlaceholderEmail() {
        return PLACEHOLDER_EMAIL.equals(notificationEmail);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid deploy context: " + message);
        }
    }

    /** Context values arrive as strings from the CLI and as numbers from cdk.json: accept both. */
    private record Reader(Function<String, Object> context) {
        String optional(String key) {
            Object value = context.apply(key);
            return value == null || value.toString().isBlank() ? null : value.toString().trim();
        }

        String string(String key, String fallback) {
            String value = optional(key);
            return value == null ? fallback : value;
        }

        int integer(String key, int fallback) {
            String value = optional(key);
            return value == null ? fallback : new BigDecimal(value).intValueExact();
        }

        long longValue(String key, long fallback) {
            String value = optional(key);
            return value == null ? fallback : new BigDecimal(value).longValueExact();
        }

        boolean bool(String key) {
            return Boolean.parseBoolean(string(key, "false"));
        }

        BigDecimal decimal(String key, String fallback) {
            return new BigDecimal(string(key, fallback));
        }
    }
}
