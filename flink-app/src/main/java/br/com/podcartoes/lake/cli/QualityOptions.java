package br.com.podcartoes.lake.cli;

import picocli.CommandLine.Option;

/** The quality gate of the commands that curate files (run, load-history, demo). */
public final class QualityOptions {
    @Option(names = "--max-quarantine-pct", paramLabel = "PCT", defaultValue = "10",
            description = "Quarentena máxima, em %% das linhas lidas de cada tabela e mês, acima da qual a execução"
                    + " falha na etapa qualidade (padrão: ${DEFAULT-VALUE}; 100 desliga).")
    double maxQuarantinePct;

    double validated() {
        if (maxQuarantinePct < 0 || maxQuarantinePct > 100) {
            throw new IllegalArgumentException("--max-quarantine-pct deve estar entre 0 e 100");
        }
        return maxQuarantinePct;
    }
}
