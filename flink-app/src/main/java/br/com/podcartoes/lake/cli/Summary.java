package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.report.RunReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A short table of several months' reports, for the end of demo, load-history and backfill. */
final class Summary {
    private Summary() {}

    static String of(List<RunReport> reports) {
        StringBuilder sb = new StringBuilder(String.format("%n%-8s %-9s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", "mês",
                "resultado", "fat.lid", "fat.cur", "fat.qua", "fat.dup", "pag.lid", "pag.cur", "pag.qua", "pag.dup",
                "book"));
        long totalMs = 0;
        for (RunReport r : reports) {
            JsonNode j = r.json();
            JsonNode f = j.path("tabelas").path("tb_faturas");
            JsonNode p = j.path("tabelas").path("tb_pagamentos");
            sb.append(String.format("%-8s %-9s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", j.path("mes").asText(),
                    j.path("resultado").asText(), f.path("lidas").asText("-"), f.path("curadas").asText("-"),
                    f.path("quarentena").asText("-"), f.path("duplicadas").asText("-"), p.path("lidas").asText("-"),
                    p.path("curadas").asText("-"), p.path("quarentena").asText("-"), p.path("duplicadas").asText("-"),
                    j.path("book").path("linhas").asText("-")));
            totalMs += j.path("duracao_total_ms").asLong();
        }
        sb.append(String.format("%d mês(es) em %.1f s%n", reports.size(), totalMs / 1000.0));
        return sb.toString();
    }
}
