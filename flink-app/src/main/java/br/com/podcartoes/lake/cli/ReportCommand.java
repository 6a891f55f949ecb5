package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.report.QualityPage;
import br.com.podcartoes.lake.report.RunReports;
import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regera a página de qualidade de um mês (a da sua última execução) a partir do lake, sem rodar"
                + " um job Flink.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Mês de referência.")
    YearMonth month;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Onde gravar a página (padrão: ao lado do relatório da execução, _runs/YYYY-MM/<run_id>.html).")
    String out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        LakeLayout lake = new LakeLayout(common.prepare(null, null).lake());
        JsonNode report = RunReports.last(lake, month).orElseThrow(() -> new IllegalArgumentException(
                "nenhum relatório de execução de " + month + " em " + lake.runsDir(month)));
        String runId = report.path("run_id").asText();
        Path target = out != null ? new Path(LakeLayout.normalize(out)) : RunReports.pagePath(lake, month, runId);
        LakeFs.writeString(target, QualityPage.render(lake, report));
        System.out.println("report: página de " + month + " (execução " + runId + ") em " + target);
        return 0;
    }
}
