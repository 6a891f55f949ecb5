package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.Rollback;
import br.com.podcartoes.lake.report.CommandReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Desfaz uma execução: cada tabela que ela mudou volta ao snapshot de antes dela, sem job Flink."
                + " O raw fica.")
public final class RollbackCommand implements Callable<Integer> {
    @Option(names = "--run-id", required = true, paramLabel = "ID",
            description = "A execução a desfazer (o run_id do seu relatório, _runs/YYYY-MM/<run_id>.json).")
    String runId;

    @Option(names = "--cascade",
            description = "Desfaz também as execuções posteriores que mudaram as mesmas tabelas, da mais nova para a"
                    + " mais antiga (sem esta opção, o rollback é recusado quando elas existem).")
    boolean cascade;

    @Mixin
    LakeOptions where;

    @Override
    public Integer call() throws Exception {
        CommandReport report = new Rollback(where.prepareExisting()).run(runId, cascade);
        JsonNode json = report.json();
        List<String> runs = new ArrayList<>();
        json.path("execucoes_desfeitas").forEach(r -> runs.add(r.asText()));
        List<String> tables = new ArrayList<>();
        json.path("snapshots").fields().forEachRemaining(e -> tables.add(e.getKey() + " " + e.getValue().path("antes")
                .asText() + " -> " + e.getValue().path("depois").asText()));
        System.out.printf("rollback: %s desfeita%s; %s (relatório _runs/rollback/%s.json)%n", runId,
                runs.size() > 1 ? " com " + String.join(", ", runs.subList(0, runs.size() - 1)) : "",
                tables.isEmpty() ? "nenhuma tabela precisou mudar" : String.join(", ", tables), report.runId());
        return 0;
    }
}
