package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.HistoryFiles;
import br.com.podcartoes.lake.testing.LakeComparison;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load-history} and {@code backfill} compute all their months in one Flink job; month-by-month
 * {@code run}s compute one month (plus the later books a re-delivery reaches) per job. Both must leave the
 * same curated rows, statuses and books — here on generated data with planted defects, split payments and
 * a re-delivered month.
 */
class HistoryEqualsMonthlyRunsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final YearMonth FROM = YearMonth.of(2023, 1);
    static final YearMonth TO = YearMonth.of(2023, 5);
    static final String FATURA_COLUMNS =
            "id_fatura, id_cliente, data_emissao, data_vencimento, valor_fatura, valor_pagamento_minimo";
    static final String PAGAMENTO_COLUMNS = "id_pagamento, id_fatura, id_cliente, data_pagamento, valor_pagamento";

    @TempDir
    Path dir;

    @Test
    void historyLoadAndBackfillEqualMonthlyRunsWithARedelivery() throws Exception {
        Path landing = dir.resolve("landing");
        Path monthly = dir.resolve("lake-monthly");
        List<Planted> planted = new SampleDataGenerator(300, 11, 0.03, 0.2).write(FROM, TO, landing);
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            assertEquals(0, run(landing, monthly, m), "run " + m);
            assertEquals(1, Reports.latest(monthly, m.toString()).path("jobs_flink").size(), "one job for " + m);
        }
        // February's payments re-delivered: every third payment dropped and the rest paid one cent more.
        Path february = landing.resolve("tb_pagamentos_202302.csv");
        List<String> lines = Files.readAllLines(february, StandardCharsets.UTF_8);
        List<String> redelivered = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            if (i % 3 != 0) {
                redelivered.add(plusOneCent(lines.get(i)));
            }
        }
        Files.write(february, redelivered, StandardCharsets.UTF_8);
        assertEquals(0, run(landing, monthly, YearMonth.of(2023, 2)), "re-delivery of 2023-02");
        JsonNode report = Reports.latest(monthly, "2023-02");
        assertEquals(1, report.path("jobs_flink").size(), "the re-delivery and the books it reaches: one job");
        assertEquals("[\"2023-03\",\"2023-04\",\"2023-05\"]", report.path("book").path("meses_reconstruidos").toString());

        // The same final deliveries as two history files (the monthly-only MES_DIVERGENTE rows left out: a
        // history routes rows by their own month instead).
        Set<String> divergent = HistoryFiles.monthlyOnly(planted);
        Path history = Files.createDirectories(dir.resolve("history"));
        Path faturas = HistoryFiles.concatenate(landing, "tb_faturas", FROM, TO, divergent, history);
        Path pagamentos = HistoryFiles.concatenate(landing, "tb_pagamentos", FROM, TO, divergent, history);
        Path loaded = dir.resolve("lake-history");
        assertEquals(0, Main.execute("load-history", "--faturas", faturas.toString(), "--pagamentos",
                pagamentos.toString(), "--lake", loaded.toString()));
        String historyJob = null;
        for (YearMonth m = FROM; !m.isAfter(TO); m = m.plusMonths(1)) {
            JsonNode r = Reports.latest(loaded, m.toString());
            assertEquals("SUCESSO", r.path("resultado").asText(), m + ": " + r);
            assertEquals(1, r.path("jobs_flink").size(), "load-history: one job");
            historyJob = historyJob == null ? r.path("jobs_flink").get(0).asText() : historyJob;
            assertEquals(historyJob, r.path("jobs_flink").get(0).asText(), "every month in the same job");
        }
        assertSameLake(monthly, loaded);

        // backfill of the whole range, from curated data, in one job: the same books again.
        assertEquals(0, Main.execute("backfill", "--from", FROM.toString(), "--to", TO.toString(), "--lake",
                loaded.toString()));
        assertEquals(1, Reports.latest(loaded, TO.toString()).path("jobs_flink").size(), "backfill: one job");
        assertSameLake(monthly, loaded);
    }

    private static void assertSameLake(Path monthly, Path loaded) throws Exception {
        try (DuckDb db = new DuckDb()) {
            assertTrue(LakeComparison.assertSameRows(db, monthly, loaded, "curated/tb_faturas", FATURA_COLUMNS) > 1000);
            assertTrue(LakeComparison.assertSameRows(db, monthly, loaded, "curated/tb_pagamentos", PAGAMENTO_COLUMNS) > 500);
            assertTrue(LakeComparison.assertSameRows(db, monthly, loaded, "refined/_estado_fatura", "*") > 1000);
            assertEquals(5 * 300, LakeComparison.assertSameRows(db, monthly, loaded, "refined/book_fatura", "*"));
        }
    }

    private static int run(Path landing, Path lake, YearMonth m) throws Exception {
        return Main.execute("run", "--month", m.toString(), "--landing", landing.toString(), "--lake", lake.toString(),
                "--detect-attempts", "1");
    }

    /** The last field (the amount) plus 0.01, when it is a plain amount. */
    private static String plusOneCent(String line) {
        int comma = line.lastIndexOf(',');
        String amount = line.substring(comma + 1);
        if (!amount.matches("\\d+\\.\\d{2}")) {
            return line;
        }
        return line.substring(0, comma + 1) + new java.math.BigDecimal(amount).add(new java.math.BigDecimal("0.01"));
    }
}
