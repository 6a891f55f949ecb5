package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.HistoryLoad;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load-history", mixinStandardHelpOptions = true,
        description = "Initial load of multi-month history files: raw, curated month by month, and every book.")
public final class LoadHistoryCommand implements Callable<Integer> {
    @Option(names = "--faturas", required = true, paramLabel = "FILE", description = "History of tb_faturas.")
    String faturas;

    @Option(names = "--pagamentos", required = true, paramLabel = "FILE", description = "History of tb_pagamentos.")
    String pagamentos;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var options = common.prepare();
        var reports = new HistoryLoad(options, Catalogs.of(options)).load(faturas, pagamentos);
        System.out.println(Summary.of(reports));
        return 0;
    }
}
