package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the commands that touch the lake. */
public final class CommonOptions {
    @Option(names = "--lake", paramLabel = "PASTA_OU_URI", description = "Raiz do lake (padrão: ${DEFAULT-VALUE}).",
            defaultValue = "lake")
    String lake;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
            description = "Paralelismo do Flink; 0 = o do cluster (no MiniCluster embutido, o número de núcleos)"
                    + " (padrão: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--run-id", paramLabel = "ID", description = "Id da execução (padrão: gerado do instante de início).")
    String runId;

    @Option(names = "--catalog", paramLabel = "local|glue|jdbc:URL", defaultValue = "local",
            description = "Catálogo Iceberg das tabelas: local (arquivo SQLite em _catalog/ do lake local), glue (AWS"
                    + " Glue Data Catalog, lake no S3) ou um JDBC (jdbc:sqlite:/caminho/catalogo.db)"
                    + " (padrão: ${DEFAULT-VALUE}).")
    String catalog;

    @Option(names = "--glue-database", paramLabel = "NOME", defaultValue = "pod_cartoes",
            description = "Database do Glue (padrão: ${DEFAULT-VALUE}).")
    String glueDatabase;

    @Option(names = "--glue-endpoint", paramLabel = "URL", description = "Endpoint do Glue, no lugar do da AWS.")
    String glueEndpoint;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "Endpoint S3 compatível para locais s3://.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Endereçamento S3 path-style (servidores S3 compatíveis).")
    boolean s3PathStyle;

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
        requireFolder("--lake", lake);
        if (!catalog.equals("local") && !catalog.equals("glue") && !catalog.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--catalog " + catalog + " não suportado (local | glue | jdbc:<url>)");
        }
        PipelineOptions defaults = PipelineOptions.defaults();
        if (landing != null) {
            landing.validate();
        }
        return new PipelineOptions(landing != null ? landing.landing : defaults.landing(), lake, parallelism,
                landing != null ? landing.detectAttempts : defaults.detectAttempts(),
                landing != null ? Duration.ofMillis(Math.round(landing.detectInterval * 1000)) : defaults.detectInterval(),
                runId, catalog, glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, kpuPriceUsd,
                quality != null ? quality.validated() : defaults.maxQuarantinePct(), splitSize, alertQuarantinePct);
    }

    /**
     * A local path that exists but is a regular file would fail late, in the middle of the run, and then
     * again when the report is written: say it up front, before detection.
     */
    static void requireFolder(String option, String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return; // s3:// and other URIs: checked by their filesystem when used
        }
        Path path = Path.of(location);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path.toAbsolutePath() + " não é uma pasta");
        }
    }
}
