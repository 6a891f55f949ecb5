package br.com.podcartoes.lake.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.testing.BookComparison;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.LakeComparison;
import br.com.podcartoes.lake.testing.ReferenceBook;
import br.com.podcartoes.lake.testing.Reports;
import br.com.podcartoes.lake.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance on the case's real files: load-history, then the books of three months for all 10,000
 * clients against an independent DuckDB computation over the raw CSVs.
 */
class RealDataBookIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    static Path dir;

    static Path lake;

    @BeforeAll
    static void loadHistory() throws Exception {
        lake = dir.resolve("lake");
        assertEquals(0, Main.execute("load-history", "--faturas", SharedData.faturas().toString(), "--pagamentos",
                SharedData.pagamentos().toString(), "--lake", lake.toString()));
    }

    @Test
    void everyMonthReconcilesAndNothingIsQuarantined() throws Exception {
        long invoices = 0;
        long payments = 0;
        java.util.Set<String> jobs = new java.util.HashSet<>();
        for (YearMonth m = YearMonth.of(2023, 1); !m.isAfter(YearMonth.of(2024, 2)); m = m.plusMonths(1)) {
            JsonNode r = Reports.latest(lake, m.toString());
            assertEquals("SUCESSO", r.path("resultado").asText(), m + ": " + r);
            assertEquals(1, r.path("jobs_flink").size(), "load-history: one Flink job");
            jobs.add(r.path("jobs_flink").get(0).asText());
            invoices += r.path("tabelas").path("tb_faturas").path("lidas").asLong();
            payments += r.path("tabelas").path("tb_pagamentos").path("lidas").asLong();
            assertEquals(0, r.path("tabelas").path("tb_pagamentos").path("quarentena").asLong(), m + " payments");
            assertEquals(0, r.path("tabelas").path("tb_faturas").path("quarentena").asLong(), m + " invoices");
        }
        assertEquals(130_000, invoices, "every invoice of the history file read exactly once");
        assertEquals(90_774, payments, "every payment of the history file read exactly once");
        assertEquals(1, jobs.size(), "all 14 months in the same job: " + jobs);
    }

    @Test
    void booksMatchAnIndependentComputation() throws Exception {
        try (DuckDb db = new DuckDb()) {
            for (YearMonth m : List.of(YearMonth.of(2023, 1), YearMonth.of(2023, 7), YearMonth.of(2024, 1))) {
                String ref = ReferenceBook.create(db, SharedData.faturas().toString(), SharedData.pagamentos().toString(), m);
                assertEquals(10_000, BookComparison.assertEqual(db, lake, ref, m), "clients compared for " + m);
            }
        }
    }

    @Test
    void backfillRebuildsIdenticalBooks() throws Exception {
        try (DuckDb db = new DuckDb()) {
            String book = DuckDb.table(lake, "refined/book_fatura");
            List<String> before = db.lines("SELECT * FROM " + book + " WHERE ano = 2024 ORDER BY ALL");
            assertEquals(0, Main.execute("backfill", "--from", "2023-12", "--to", "2024-01", "--lake", lake.toString()));
            assertEquals(before, db.lines("SELECT * FROM " + book + " WHERE ano = 2024 ORDER BY ALL"));
            assertEquals("backfill", Reports.latest(lake, "2024-01").path("comando").asText());
            assertEquals(Reports.latest(lake, "2023-12").path("jobs_flink"), Reports.latest(lake, "2024-01").path("jobs_flink"));
            assertEquals(1, Reports.latest(lake, "2024-01").path("jobs_flink").size(), "backfill: one Flink job");
        }
    }

    @Test
    void monthByMonthRunsGiveTheSameLakeAsTheOneJobHistoryLoad() throws Exception {
        // The history files split by each row's own month (the date column), as monthly deliveries.
        Path landing = Files.createDirectories(dir.resolve("landing-monthly"));
        java.util.TreeSet<YearMonth> months = new java.util.TreeSet<>();
        months.addAll(split(SharedData.faturas(), "tb_faturas", 2, landing));
        months.addAll(split(SharedData.pagamentos(), "tb_pagamentos", 3, landing));
        Path monthly = dir.resolve("lake-monthly");
        for (YearMonth m : months) {
            for (String t : List.of("tb_faturas", "tb_pagamentos")) {
                Path f = landing.resolve(String.format("%s_%04d%02d.csv", t, m.getYear(), m.getMonthValue()));
                if (!Files.exists(f)) {
                    Files.writeString(f, Files.readAllLines(t.equals("tb_faturas") ? SharedData.faturas()
                            : SharedData.pagamentos()).get(0) + "\n");
                }
            }
            assertEquals(0, Main.execute("run", "--month", m.toString(), "--landing", landing.toString(), "--lake",
                    monthly.toString(), "--detect-attempts", "1"), "run " + m);
        }
        assertEquals(14, months.size());
        try (DuckDb db = new DuckDb()) {
            assertEquals(130_000, LakeComparison.assertSameRows(db, lake, monthly, "curated/tb_faturas",
                    "id_fatura, id_cliente, data_emissao, data_vencimento, valor_fatura, valor_pagamento_minimo"));
            assertEquals(90_774, LakeComparison.assertSameRows(db, lake, monthly, "curated/tb_pagamentos",
                    "id_pagamento, id_fatura, id_cliente, data_pagamento, valor_pagamento"));
            LakeComparison.assertSameRows(db, lake, monthly, "refined/_estado_fatura", "*");
            assertEquals(14 * 10_000, LakeComparison.assertSameRows(db, lake, monthly, "refined/book_fatura", "*"));
        }
    }

    /** Writes one monthly file per month of column {@code dateColumn}; returns the months. */
    private static java.util.Set<YearMonth> split(Path history, String table, int dateColumn, Path out)
            throws Exception {
        List<String> lines = Files.readAllLines(history);
        java.util.Map<YearMonth, List<String>> byMonth = new java.util.TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            YearMonth m = YearMonth.parse(line.split(",")[dateColumn].substring(0, 7));
            byMonth.computeIfAbsent(m, k -> new java.util.ArrayList<>(List.of(lines.get(0)))).add(line);
        }
        for (var e : byMonth.entrySet()) {
            Files.write(out.resolve(String.format("%s_%04d%02d.csv", table, e.getKey().getYear(),
                    e.getKey().getMonthValue())), e.getValue());
        }
        return byMonth.keySet();
    }
}
