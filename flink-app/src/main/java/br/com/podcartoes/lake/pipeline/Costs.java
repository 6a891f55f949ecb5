package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.RunReport;

/**
 * The estimated Managed Flink cost of a run: KPUs × hours × price per KPU-hour. Managed Flink bills one
 * KPU per unit of parallelism (one per KPU by default) plus one KPU for the application's orchestration.
 * A command that processes several months in one job (load-history, backfill) shares its cost equally
 * among the months' reports, so their sum is the command's cost.
 */
public final class Costs {
    private Costs() {}

    public static void estimate(PipelineOptions options, RunReport report, int months) {
        int parallelism = options.parallelism() > 0 ? options.parallelism() : 1;
        int kpus = parallelism + 1;
        double hours = report.totalMillis() / 3_600_000.0;
        report.put("kpus_estimados", kpus);
        report.put("custo_estimado_usd",
                Math.round(kpus * hours * options.kpuPriceUsd() / months * 1_000_000) / 1_000_000.0);
    }
}
