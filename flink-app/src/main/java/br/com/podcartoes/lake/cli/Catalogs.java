package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.config.PipelineOptions;

/** Picks the catalog registrar the options ask for. */
final class Catalogs {
    private Catalogs() {}

    static CatalogRegistrar of(PipelineOptions options) {
        if ("none".equals(options.catalog())) {
            return CatalogRegistrar.NONE;
        }
        throw new IllegalArgumentException("--catalog " + options.catalog() + " ainda não suportado");
    }
}
