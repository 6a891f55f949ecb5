package br.com.podcartoes.lake.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.testing.BookComparison;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.Reports;
import br.com.podcartoes.lake.testing.ReferenceBook;
import br.com.podcartoes.lake.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
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
                SharedData.pagamentos().toString(), "--lake", lake.toString(), "--parallelism", "2"));
    }

    @Test
    void everyMonthReconcilesAndNothingIsQuarantined() throws Exception {
        long invoices = 0;
        long payments = 0;
        for (YearMonth m = YearMonth.of(2023, 1); !m.isAfter(YearMonth.of(2024, 2)); m = m.plusMonths(1)) {
            JsonNode r = Reports.latest(lake, m.toString());
            assertEquals("SUCESSO", r.path("resultado").asText(), m + ": " + r);
            invoices += r.path("tabelas").path("tb_faturas").path("lidas").asLong();
            payments += r.path("tabelas").path("tb_pagamentos").path("lidas").asLong();
            assertEquals(0, r.path("tabelas").path("tb_pagamentos").path("quarentena").asLong(), m + " payments");
            assertEquals(0, r.path("tabelas").path("tb_faturas").path("quarentena").asLong(), m + " invoices");
        }
        assertEquals(130_000, invoices, "every invoice of the history file read exactly once");
        assertEquals(90_774, payments, "every payment of the history file read exactly once");
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
        }
    }
}
