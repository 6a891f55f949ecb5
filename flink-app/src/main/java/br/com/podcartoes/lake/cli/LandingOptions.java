package br.com.podcartoes.lake.cli;

import picocli.CommandLine.Option;

/** Where monthly files arrive and how long to wait for them: only the commands that read the landing. */
public final class LandingOptions {
    @Option(names = "--landing", paramLabel = "PASTA_OU_URI", defaultValue = "landing",
            description = "Área de landing (padrão: ${DEFAULT-VALUE}).")
    String landing;

    @Option(names = "--detect-attempts", paramLabel = "N", defaultValue = "3",
            description = "Tentativas de encontrar os arquivos do mês na landing (padrão: ${DEFAULT-VALUE}).")
    int detectAttempts;

    @Option(names = "--detect-interval", paramLabel = "SEGUNDOS", defaultValue = "2",
            description = "Primeira espera entre tentativas, dobrada a cada uma (padrão: ${DEFAULT-VALUE}).")
    double detectInterval;

    void validate() {
        if (detectAttempts < 1) {
            throw new IllegalArgumentException("--detect-attempts deve ser >= 1");
        }
        if (detectInterval < 0) {
            throw new IllegalArgumentException("--detect-interval deve ser >= 0");
        }
        LakeOptions.requireFolder("--landing", landing);
    }
}
