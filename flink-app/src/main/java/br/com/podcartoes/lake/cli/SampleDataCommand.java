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
        description = "Writes monthly tb_faturas_YYYYMM.csv and tb_pagamentos_YYYYMM.csv shaped like the real case.")
public final class SampleDataCommand implements Callable<Integer> {
    @Option(names = "--clients", required = true, paramLabel = "N", description = "Number of clients.")
    long clients;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class)
    YearMonth from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class)
    YearMonth to;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dirty", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share of client rows followed by a planted invalid or duplicate row (0..1).")
    double dirty;

    @Option(names = "--split-payments", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share of paid invoices paid in two payments (0..1).")
    double splitPayments;

    @Option(names = "--value-multiplier", paramLabel = "X", defaultValue = "1",
            description = "Multiplies every invoice amount: a planted shift for the drift alerts (default: ${DEFAULT-VALUE}).")
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
