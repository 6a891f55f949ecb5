package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample-data", mixinStandardHelpOptions = true,
        description = "Grava tb_faturas_YYYYMM.csv e tb_pagamentos_YYYYMM.csv mensais no formato do caso real.")
public final class SampleDataCommand implements Callable<Integer> {
    @Option(names = "--clients", required = true, paramLabel = "N", description = "Número de clientes, >= 1.")
    long clients;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Primeiro mês.")
    YearMonth from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Último mês (inclusive).")
    YearMonth to;

    @Option(names = "--out", required = true, paramLabel = "PASTA", description = "Pasta onde gravar os arquivos.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Semente do gerador: a mesma semente gera os mesmos arquivos (padrão: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dirty", paramLabel = "FRACTION", defaultValue = "0",
            description = "Fração de linhas de cliente seguidas de uma linha inválida ou duplicada plantada, 0..1 (padrão: ${DEFAULT-VALUE}).")
    double dirty;

    @Option(names = "--split-payments", paramLabel = "FRACTION", defaultValue = "0",
            description = "Fração de faturas pagas em dois pagamentos, 0..1 (padrão: ${DEFAULT-VALUE}).")
    double splitPayments;

    @Option(names = "--value-multiplier", paramLabel = "X", defaultValue = "1",
            description = "Multiplica o valor de cada fatura: um deslocamento plantado para os alertas de drift (padrão: ${DEFAULT-VALUE}).")
    double valueMultiplier;

    @Override
    public Integer call() throws Exception {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients deve ser >= 1");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to antes de --from");
        }
        if (dirty < 0 || dirty > 1 || splitPayments < 0 || splitPayments > 1) {
            throw new IllegalArgumentException("--dirty e --split-payments devem estar entre 0 e 1");
        }
        if (valueMultiplier <= 0) {
            throw new IllegalArgumentException("--value-multiplier deve ser > 0");
        }
        long t0 = System.nanoTime();
        List<Planted> planted = new SampleDataGenerator(clients, seed, dirty, splitPayments, valueMultiplier).write(from, to, out);
        System.out.printf("sample-data: %d clientes, %s..%s em %s (%d linhas plantadas) em %.1f s%n", clients, from, to,
                out.toAbsolutePath(), planted.size(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
