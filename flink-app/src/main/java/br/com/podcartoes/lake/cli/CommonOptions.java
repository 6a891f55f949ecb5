package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.FileSystems;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the commands that touch the lake. */
public final class CommonOptions {
    @Option(names = "--landing", paramLabel = "DIR_OR_URI", description = "Landing area (default: ${DEFAULT-VALUE}).",
            defaultValue = "landing")
    String landing;

    @Option(names = "--lake", paramLabel = "DIR_OR_URI", description = "Lake root (default: ${DEFAULT-VALUE}).",
            defaultValue = "lake")
    String lake;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Flink parallelism (default: the cluster's; on the embedded MiniCluster, the cores).",
            defaultValue = "0")
    int parallelism;

    @Option(names = "--detect-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts to find the month's files in landing (default: ${DEFAULT-VALUE}).")
    int detectAttempts;

    @Option(names = "--detect-interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "First wait between attempts, doubled each time (default: ${DEFAULT-VALUE}).")
    double detectInterval;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id (default: generated from the start time).")
    String runId;

    @Option(names = "--catalog", paramLabel = "glue|none", defaultValue = "none",
            description = "Register tables and partitions in the Glue Data Catalog (default: ${DEFAULT-VALUE}).")
    CatalogKind catalog;

    @Option(names = "--glue-database", paramLabel = "NAME", defaultValue = "pod_cartoes",
            description = "Glue database (default: ${DEFAULT-VALUE}).")
    String glueDatabase;

    @Option(names = "--glue-endpoint", paramLabel = "URL", description = "Override the Glue endpoint.")
    String glueEndpoint;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible endpoint for s3:// locations.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Path-style S3 addressing (S3-compatible servers).")
    boolean s3PathStyle;

    @Option(names = "--kpu-price-usd", paramLabel = "USD", defaultValue = "0.11",
            description = "Price of one KPU-hour for the run's cost estimate (default: ${DEFAULT-VALUE}).")
    double kpuPriceUsd;

    @Option(names = "--alert-quarantine-pct", paramLabel = "PCT", defaultValue = "1",
            description = "Alert (without failing) when a table's quarantine exceeds PCT%% of its rows read "
                    + "(default: ${DEFAULT-VALUE}).")
    double alertQuarantinePct;

    /** The only accepted catalog values. */
    public enum CatalogKind { glue, none }

    /** The options, validated, with this JVM's filesystems set up for them (S3 in an embedded MiniCluster). */
    public PipelineOptions prepare() throws java.io.IOException {
        PipelineOptions options = toOptions();
        FileSystems.initialize(options);
        return options;
    }

    public PipelineOptions toOptions() {
        if (detectAttempts < 1) {
            throw new IllegalArgumentException("--detect-attempts deve ser >= 1");
        }
        if (alertQuarantinePct < 0 || alertQuarantinePct > 100) {
            throw new IllegalArgumentException("--alert-quarantine-pct deve estar entre 0 e 100");
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism deve ser >= 0");
        }
        return new PipelineOptions(landing, lake, parallelism, detectAttempts,
                Duration.ofMillis(Math.round(detectInterval * 1000)), runId, catalog.name(), glueDatabase, glueEndpoint,
                s3Endpoint, s3PathStyle, kpuPriceUsd, alertQuarantinePct);
    }
}
