package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.Maintenance;
import br.com.podcartoes.lake.report.CommandReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Expira snapshots antigos, compacta os arquivos pequenos de cada mês e apaga arquivos órfãos,"
                + " sem job Flink. Rollback e --as-of continuam possíveis dentro da janela.")
public final class MaintainCommand implements Callable<Integer> {
    @Option(names = "--older-than", paramLabel = "DIAS", defaultValue = "" + Maintenance.DEFAULT_DAYS,
            description = "A janela de retenção: todo estado das tabelas nesses últimos DIAS fica (rollback, export"
                    + " --as-of); o que é mais antigo, e os órfãos mais velhos que isso, saem (padrão: ${DEFAULT-VALUE};"
                    + " aceita fração, 0.5 = 12 horas).")
    double olderThanDays;

    @Option(names = "--retain-last", paramLabel = "N", defaultValue = "1",
            description = "Guarda também os N últimos snapshots de cada tabela, mesmo mais velhos que a janela"
                    + " (padrão: ${DEFAULT-VALUE}).")
    int retainLast;

    @Mixin
    LakeOptions where;

    @Override
    public Integer call() throws Exception {
        if (olderThanDays < 0 || Double.isNaN(olderThanDays)) {
            throw new IllegalArgumentException("--older-than deve ser >= 0");
        }
        if (retainLast < 1) {
            throw new IllegalArgumentException("--retain-last deve ser >= 1");
        }
        Duration window = Duration.ofMillis(Math.round(olderThanDays * Duration.ofDays(1).toMillis()));
        CommandReport report = new Maintenance(where.prepareExisting()).run(window, retainLast);
        List<String> parts = new ArrayList<>();
        report.json().path("tabelas").fields().forEachRemaining(e -> parts.add(e.getKey() + ": "
                + e.getValue().path("snapshots_expirados").asInt() + " snapshots expirados, "
                + e.getValue().path("arquivos_compactados").asInt() + " arquivos compactados em "
                + e.getValue().path("arquivos_gerados").asInt() + ", " + e.getValue().path("orfaos_removidos").asInt()
                + " órfãos"));
        System.out.printf("maintain: janela desde %s%n  %s%n(relatório _runs/maintain/%s.json)%n",
                report.json().path("janela_inicio").asText(), String.join("\n  ", parts), report.runId());
        return 0;
    }
}
