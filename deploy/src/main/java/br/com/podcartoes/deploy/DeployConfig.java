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
        int quarantineRetentionDays,
        int logRetentionDays,
        long athenaBytesScannedCutoffPerQuery,
        BigDecimal monthlyBudgetUsd,
        BigDecimal billingAlarmUsd) {

    /** Placeholder that synthesizes but is flagged with a warning: nobody would receive the alerts. */
    public static final String PLACEHOLDER_EMAIL = "alertas-pod-cartoes@example.com";

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
        require(noncurrentVersionRetentionDays >= 1 && quarantineRetentionDays >= 1, "retention days must be >= 1");
        // Athena's minimum per-query cutoff is 10 MB.
        require(athenaBytesScannedCutoffPerQuery >= 10_000_000L, "athenaBytesScannedCutoffPerQuery must be >= 10000000");
        require(monthlyBudgetUsd.signum() > 0 && billingAlarmUsd.signum() > 0, "budget and billing alarm must be > 0");
    }

    /** The defaults, overridable one by one through context. */
    public static DeployConfig fromContext(Function<String, Object> context) {
        Reader r = new Reader(context);
        BigDecimal budget = r.decimal("monthlyBudgetUsd", "50");
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
                // us-east-1 list price of one KPU-hour; set the price of the region you deploy to.
                r.decimal("kpuPriceUsd", "0.11"),
                r.integer("landingWaitHours", 72),
                r.integer("landingPollMinutes", 60),
                r.integer("jobTimeoutMinutes", 120),
                r.integer("jobPollMinutes", 5),
                r.integer("rawInfrequentAccessAfterDays", 90),
                r.integer("noncurrentVersionRetentionDays", 180),
                r.integer("quarantineRetentionDays", 90),
                r.integer("logRetentionDays", 90),
                r.longValue("athenaBytesScannedCutoffPerQuery", 10L * 1024 * 1024 * 1024),
                budget,
                r.decimal("billingAlarmUsd", budget.toPlainString()));
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

        BigDecimal decimal(String key, String fallback) {
            return new BigDecimal(string(key, fallback));
        }
    }
}
