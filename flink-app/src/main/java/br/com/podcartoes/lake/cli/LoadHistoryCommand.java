package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.HistoryLoad;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load-history", mixinStandardHelpOptions = true,
        description = "Carga inicial de arquivos históricos de vários meses: raw, curated de cada mês e todos os books, num só job Flink.")
public final class LoadHistoryCommand implements Callable<Integer> {
    @Option(names = "--faturas", required = true, paramLabel = "ARQUIVO", description = "Histórico de tb_faturas.")
    String faturas;

    @Option(names = "--pagamentos", required = true, paramLabel = "ARQUIVO", description = "Histórico de tb_pagamentos.")
    String pagamentos;

    @Mixin
    QualityOptions quality;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        var options = common.prepare(null, quality);
        var reports = new HistoryLoad(options).load(faturas, pagamentos);
        System.out.println(Summary.of(reports));
        return 0;
    }
}
