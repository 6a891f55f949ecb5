package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.report.RunReport;
import java.util.List;

/**
 * The catalog stage. It runs after the data is written, so a failure here leaves good data and reports
 * that say so ({@code catalogo: NAO_ATUALIZADO}); a rerun repairs the catalog.
 */
final class CatalogStep {
    private CatalogStep() {}

    static void register(CatalogRegistrar catalog, CatalogRegistrar.Update update, List<RunReport> reports,
            Stages stages) throws Exception {
        if (catalog == CatalogRegistrar.NONE) {
            reports.forEach(r -> r.put("catalogo", "ICEBERG"));
            return;
        }
        reports.forEach(r -> {
            r.put("catalogo", "NAO_ATUALIZADO");
            r.put("dados", "GRAVADOS");
        });
        stages.run("catalogo", () -> {
            catalog.register(update);
            return update;
        }, u -> catalog.name() + ": tabelas registradas; partições curated/quarentena " + u.curatedMonths()
                + ", book " + u.bookMonths());
        reports.forEach(r -> r.put("catalogo", "ATUALIZADO"));
    }
}
