package br.com.podcartoes.lake.config;

import java.time.Duration;

/**
 * Everything a run needs to know, whether it came from the command line or from Managed Flink's runtime
 * properties (property group {@code pipeline}); both are parsed by the same command-line code.
 */
public record PipelineOptions(
        String landing,
        String lake,
        int parallelism,
        int detectAttempts,
        Duration detectInterval,
        String runId,
        String catalog,
        String glueDatabase,
        String glueEndpoint,
        String s3Endpoint,
        boolean s3PathStyle,
        double kpuPriceUsd,
        double maxQuarantinePct,
        long splitSize,
        double alertQuarantinePct) {

    /** Default of {@code --max-quarantine-pct}: a month with more than this share quarantined fails. */
    public static final double DEFAULT_MAX_QUARANTINE_PCT = 10;

    /** Default size of the parts a delivered CSV is read in, in bytes (docs/performance.md). */
    public static final long DEFAULT_SPLIT_SIZE = 16L << 20;

    /** Default of {@code --alert-quarantine-pct}: above this share quarantined, an alert (the run goes on). */
    public static final double DEFAULT_ALERT_QUARANTINE_PCT = 1;

    public static PipelineOptions defaults() {
        return new PipelineOptions("landing", "lake", 0, 3, Duration.ofSeconds(2), null, "local", "pod_cartoes", null,
                null, false, 0.11, DEFAULT_MAX_QUARANTINE_PCT, DEFAULT_SPLIT_SIZE, DEFAULT_ALERT_QUARANTINE_PCT);
    }

    public PipelineOptions withLanding(String value) {
        return new PipelineOptions(value, lake, parallelism, detectAttempts, detectInterval, runId, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, maxQuarantinePct, splitSize,
                alertQuarantinePct);
    }

    public PipelineOptions withLake(String value) {
        return new PipelineOptions(landing, value, parallelism, detectAttempts, detectInterval, runId, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, maxQuarantinePct, splitSize,
                alertQuarantinePct);
    }

    public PipelineOptions withMaxQuarantinePct(double value) {
        return new PipelineOptions(landing, lake, parallelism, detectAttempts, detectInterval, runId, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, value, splitSize, alertQuarantinePct);
    }

    public PipelineOptions withRunId(String value) {
        return new PipelineOptions(landing, lake, parallelism, detectAttempts, detectInterval, value, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, maxQuarantinePct, splitSize,
                alertQuarantinePct);
    }
}
