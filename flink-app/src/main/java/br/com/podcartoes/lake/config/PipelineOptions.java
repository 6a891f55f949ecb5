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
        double alertQuarantinePct) {

    public static PipelineOptions defaults() {
        return new PipelineOptions("landing", "lake", 0, 3, Duration.ofSeconds(2), null, "none", "pod_cartoes", null,
                null, false, 0.11, 1.0);
    }

    public PipelineOptions withLanding(String value) {
        return new PipelineOptions(value, lake, parallelism, detectAttempts, detectInterval, runId, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, alertQuarantinePct);
    }

    public PipelineOptions withLake(String value) {
        return new PipelineOptions(landing, value, parallelism, detectAttempts, detectInterval, runId, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, alertQuarantinePct);
    }

    public PipelineOptions withRunId(String value) {
        return new PipelineOptions(landing, lake, parallelism, detectAttempts, detectInterval, value, catalog,
                glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd, alertQuarantinePct);
    }
}
