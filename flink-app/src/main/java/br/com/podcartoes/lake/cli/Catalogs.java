package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.catalog.GlueCatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;

/** Picks the catalog registrar the options ask for. */
final class Catalogs {
    private Catalogs() {}

    /** Usage errors of {@code --catalog glue} (lake not on S3, no region...) are thrown here, before the run. */
    static CatalogRegistrar of(PipelineOptions options) {
        // The tables are Iceberg tables: their catalog (local, JDBC or Glue) is updated by each commit.
        br.com.podcartoes.lake.storage.IcebergCatalog.of(options);
        return CatalogRegistrar.NONE;
    }
}
