package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the lake is and how to reach its catalog: what every command that opens the lake needs, the ones
 * that run no Flink job ({@code rollback}, {@code export}, {@code maintain}) included.
 */
public final class LakeOptions {
    @Option(names = "--lake", paramLabel = "PASTA_OU_URI", description = "Raiz do lake (padrão: ${DEFAULT-VALUE}).",
            defaultValue = "lake")
    String lake;

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

    void validate() {
        requireFolder("--lake", lake);
        if (!catalog.equals("local") && !catalog.equals("glue") && !catalog.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--catalog " + catalog + " não suportado (local | glue | jdbc:<url>)");
        }
    }

    /**
     * The options of a command that runs no job (the rest at their defaults), validated, with this JVM's
     * filesystems set up for them.
     */
    PipelineOptions prepare() throws java.io.IOException {
        validate();
        PipelineOptions d = PipelineOptions.defaults();
        PipelineOptions options = new PipelineOptions(d.landing(), lake, d.parallelism(), d.detectAttempts(),
                d.detectInterval(), null, catalog, glueDatabase, glueEndpoint, s3Endpoint, s3PathStyle, d.kpuPriceUsd(),
                d.maxQuarantinePct(), d.splitSize(), d.alertQuarantinePct());
        FileSystems.initialize(options);
        return options;
    }

    /** An existing lake: these commands only change what is there, a mistyped --lake must not start a new one. */
    PipelineOptions prepareExisting() throws java.io.IOException {
        PipelineOptions options = prepare();
        if (!lake.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !Files.isDirectory(Path.of(lake))) {
            throw new IllegalArgumentException("--lake " + Path.of(lake).toAbsolutePath() + " não existe");
        }
        return options;
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
