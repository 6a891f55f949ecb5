package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.catalog.CatalogRegistrar;
import br.com.podcartoes.lake.report.RunReport;
import java.time.YearMonth;

/**
 * The catalog stage. It runs after the data is written, so a failure here leaves good data and a report
 * that says so ({@code catalogo: NAO_ATUALIZADO}); a rerun repairs the catalog.
 */
final class CatalogStep {
    private CatalogStep() {}

    static void register(CatalogRegistrar catalog, YearMonth month, RunReport report, Stages stages) throws Exception {
        if (catalog == CatalogRegistrar.NONE) {
            report.put("catalogo", "DESLIGADO");
            return;
        }
        report.put("catalogo", "NAO_ATUALIZADO");
        report.put("dados", "GRAVADOS");
        stages.run("catalogo", () -> {
            catalog.register(month);
            return month;
        }, m -> catalog.name() + ": tabelas e partições de " + m + " registradas");
        report.put("catalogo", "ATUALIZADO");
    }
}
