package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.FileSystems;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that touch the lake. */
public final class CommonOptions {
    @Mixin
    LakeOptions where;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
            description = "Paralelismo do MiniCluster embutido; 0 = o número de núcleos. Num cluster (Managed Flink,"
                    + " local-cluster/) o paralelismo é do cluster e N > 0 é recusado (padrão: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--run-id", paramLabel = "ID", description = "Id da execução (padrão: gerado do instante de início).")
    String runId;

    @Option(names = "--kpu-price-usd", paramLabel = "USD", defaultValue = "0.11",
            description = "Preço de um KPU-hora, para a estimativa de custo (padrão: ${DEFAULT-VALUE}).")
    double kpuPriceUsd;

    @Option(names = "--split-size", paramLabel = "BYTES", defaultValue = "" + PipelineOptions.DEFAULT_SPLIT_SIZE,
            description = "Cada CSV entregue é lido em partes de cerca de BYTES bytes, cortadas depois de uma quebra"
                    + " de linha, em paralelo (padrão: ${DEFAULT-VALUE}; um arquivo menor é uma parte só).")
    long splitSize;

    @Option(names = "--alert-quarantine-pct", paramLabel = "PCT", defaultValue = "1",
            description = "Alerta (sem falhar a execução) quando a quarentena de uma tabela passa de PCT%% das linhas"
                    + " lidas (padrão: ${DEFAULT-VALUE}).")
    double alertQuarantinePct;

    /**
     * The options, validated, with this JVM's filesystems set up for them (S3 in an embedded MiniCluster).
     *
     * @param landing the landing options, or null for a command that reads no landing
     * @param quality the quality gate, or null for a command that curates nothing
     */
    public PipelineOptions prepare(LandingOptions landing, QualityOptions quality) throws java.io.IOException {
        PipelineOptions options = toOptions(landing, quality);
        FileSystems.initialize(options);
        return options;
    }

    public PipelineOptions toOptions(LandingOptions landing, QualityOptions quality) {
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism deve ser >= 0 (0 = o do cluster)");
        }
        if (splitSize < 1) {
            throw new IllegalArgumentException("--split-size deve ser >= 1");
        }
        if (alertQuarantinePct < 0 || alertQuarantinePct > 100) {
            throw new IllegalArgumentException("--alert-quarantine-pct deve estar entre 0 e 100");
        }
        where.validate();
        PipelineOptions defaults = PipelineOptions.defaults();
        if (landing != null) {
            landing.validate();
        }
        return new PipelineOptions(landing != null ? landing.landing : defaults.landing(), where.lake, parallelism,
                landing != null ? landing.detectAttempts : defaults.detectAttempts(),
                landing != null ? Duration.ofMillis(Math.round(landing.detectInterval * 1000)) : defaults.detectInterval(),
                runId, where.catalog, where.glueDatabase, where.glueEndpoint, where.s3Endpoint, where.s3PathStyle,
                kpuPriceUsd,
                quality != null ? quality.validated() : defaults.maxQuarantinePct(), splitSize, alertQuarantinePct);
    }
}
