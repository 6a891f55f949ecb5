package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.MonthlyRun;
import br.com.podcartoes.lake.report.RunReport;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "O job mensal: detecção, raw, curated, qualidade, book e catálogo de um mês.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Mês de referência.")
    YearMonth month;

    @Mixin
    LandingOptions landing;

    @Mixin
    QualityOptions quality;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var options = common.prepare(landing, quality);
        RunReport report = new MonthlyRun(options).run(month);
        System.out.printf("run %s: %s em %.1f s (relatório %s)%n", month, report.json().path("resultado").asText(),
                report.totalMillis() / 1000.0, report.runId());
        return 0;
    }
}
