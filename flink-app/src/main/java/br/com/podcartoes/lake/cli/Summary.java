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
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (RunReport r : reports) {
            JsonNode j = r.json();
            JsonNode f = j.path("tabelas").path("tb_faturas");
            JsonNode p = j.path("tabelas").path("tb_pagamentos");
            sb.append(String.format("%-8s %-9s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", j.path("mes").asText(),
                    j.path("resultado").asText(), f.path("lidas").asText("-"), f.path("curadas").asText("-"),
                    f.path("quarentena").asText("-"), f.path("duplicadas").asText("-"), p.path("lidas").asText("-"),
                    p.path("curadas").asText("-"), p.path("quarentena").asText("-"), p.path("duplicadas").asText("-"),
                    j.path("book").path("linhas").asText("-")));
            // Wall time from the first start to the last end: the months of a load-history share one job.
            java.time.Instant start = java.time.Instant.parse(j.path("inicio").asText());
            java.time.Instant end = j.hasNonNull("fim") ? java.time.Instant.parse(j.path("fim").asText()) : start;
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
        }
        long totalMs = first == null ? 0 : java.time.Duration.between(first, last).toMillis();
        sb.append(String.format("%d mês(es) em %.1f s%n", reports.size(), totalMs / 1000.0));
        return sb.toString();
    }
}
