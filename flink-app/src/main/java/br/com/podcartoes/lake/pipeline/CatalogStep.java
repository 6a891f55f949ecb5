package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.report.RunReport;

/**
 * The catalog stage. It runs after the data is written, so a failure here leaves good data and a report
 * that says so ({@code catalogo: NAO_ATUALIZADO}); a rerun repairs the catalog.
 */
final class CatalogStep {
    private CatalogStep() {}

    static void register(CatalogRegistrar catalog, CatalogRegistrar.Update update, RunReport report, Stages stages)
            throws Exception {
        if (catalog == CatalogRegistrar.NONE) {
            report.put("catalogo", "DESLIGADO");
            return;
        }
        report.put("catalogo", "NAO_ATUALIZADO");
        report.put("dados", "GRAVADOS");
        stages.run("catalogo", () -> {
            catalog.register(update);
            return update;
        }, u -> catalog.name() + ": tabelas registradas; partições curated/quarentena " + u.curatedMonth()
                + ", book " + u.bookMonths());
        report.put("catalogo", "ATUALIZADO");
    }
}
