package br.com.podcartoes.lake.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each book definition at its edges, on hand-made months run through the real pipeline. Expected values
 * are worked out by hand from the definitions in the comments (D = last day of the reference month).
 */
class BookDefinitionsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(1);

    static final String F = "id_fatura,id_cliente,data_emissao,data_vencimento,valor_fatura,valor_pagamento_minimo\n";
    static final String P = "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento\n";

    @TempDir
    static Path dir;
    static Path lake;
    static Map<String, Map<Long, Map<String, Object>>> books = new HashMap<>();

    @BeforeAll
    static void runMonths() throws Exception {
        Path landing = Files.createDirectories(dir.resolve("landing"));
        lake = dir.resolve("lake");
        Files.writeString(landing.resolve("tb_faturas_202301.csv"), F
                + "4-1,4,2023-01-01,2023-01-10,100.00,30.00\n" // never paid
                + "7-1,7,2023-01-01,2023-01-10,0.01,0.00\n");
        Files.writeString(landing.resolve("tb_pagamentos_202301.csv"), P);
        Files.writeString(landing.resolve("tb_faturas_202302.csv"), F + "7-2,7,2023-02-01,2023-02-10,0.02,0.00\n");
        Files.writeString(landing.resolve("tb_pagamentos_202302.csv"), P);
        Files.writeString(landing.resolve("tb_faturas_202303.csv"), F
                + "1-3,1,2023-03-01,2023-03-10,100.00,30.00\n" // paid exactly on the due date, exactly the minimum
                + "2-3,2,2023-03-01,2023-03-10,200.00,60.00\n" // two payments
                + "3-3,3,2023-03-01,2023-04-05,50.00,15.00\n" // not matured at D
                + "5-3,5,2023-03-01,2023-03-10,100.00,30.00\n" // paid after D
                + "6-3,6,2023-03-01,2023-03-10,0.00,0.00\n"); // zero invoice
        Files.writeString(landing.resolve("tb_pagamentos_202303.csv"), P
                + "PG-1-3,1-3,1,2023-03-10,30.00\n"
                + "PG-2-3b,2-3,2,2023-03-20,50.00\n" // later payment first in the file
                + "PG-2-3a,2-3,2,2023-03-05,20.00\n");
        Files.writeString(landing.resolve("tb_faturas_202304.csv"), F);
        Files.writeString(landing.resolve("tb_pagamentos_202304.csv"), P + "PG-5-3,5-3,5,2023-04-02,100.00\n");
        for (String m : new String[] {"2023-01", "2023-02", "2023-03", "2023-04"}) {
            assertEquals(0, Main.execute("run", "--month", m, "--landing", landing.toString(), "--lake",
                    lake.toString(), "--detect-attempts", "1"), m);
        }
        try (DuckDb db = new DuckDb()) {
            for (Map<String, Object> r : db.rows("SELECT * FROM " + DuckDb.table(lake, "refined/book_fatura"))) {
                // hive partition values: "2023" and "01" (DuckDB keeps the leading zero as text)
                String month = Integer.parseInt(String.valueOf(r.get("ano"))) + "-"
                        + Integer.parseInt(String.valueOf(r.get("mes")));
                books.computeIfAbsent(month, k -> new HashMap<>()).put(((Number) r.get("id_cliente")).longValue(), r);
            }
        }
    }

    static Map<String, Object> row(String month, long client) {
        return books.get(month).get(client);
    }

    static void money(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), expected + " vs " + actual);
    }

    static void dbl(double expected, Object actual) {
        assertEquals(expected, ((Number) actual).doubleValue(), 1e-9);
    }

    @Test
    void oneRowPerClientWithAnInvoiceInU12M() {
        assertEquals(2, books.get("2023-1").size(), "January: clients 4 and 7");
        assertEquals(7, books.get("2023-3").size());
        assertEquals(7, books.get("2023-4").size(), "April has no invoice, but U12M still holds every client");
        assertEquals(java.time.LocalDate.of(2023, 3, 31), row("2023-3", 1).get("dt_referencia"));
    }

    @Test
    void paymentOnTheDueDateIsOnTimeAndTheMinimumIsNotDelinquent() {
        Map<String, Object> c1 = row("2023-3", 1);
        assertEquals(1L, ((Number) c1.get("qtd_faturas_u1m")).longValue());
        dbl(100.0, c1.get("pct_pagamento_em_dia_u1m"));
        dbl(0.0, c1.get("pct_inadimplencia_u1m")); // 30.00 < 30.00 is false
        dbl(0.0, c1.get("dias_atraso_medio_u1m"));
        assertEquals(0, ((Number) c1.get("dias_atraso_max_u1m")).intValue());
        dbl(30.0, c1.get("pct_valor_pago_u1m")); // 30 / 100
    }

    @Test
    void severalPaymentsAreSummedAndTheFirstDateCounts() {
        Map<String, Object> c2 = row("2023-3", 2);
        dbl(100.0, c2.get("pct_pagamento_em_dia_u1m")); // first payment 03-05 <= due 03-10
        dbl(0.0, c2.get("pct_inadimplencia_u1m")); // 20 + 50 = 70 >= 60
        assertEquals(0, ((Number) c2.get("dias_atraso_max_u1m")).intValue());
        dbl(35.0, c2.get("pct_valor_pago_u1m")); // 70 / 200
    }

    @Test
    void invoiceNotMaturedAtDHasNoRatesButCountsInTotals() {
        Map<String, Object> c3 = row("2023-3", 3);
        assertEquals(1L, ((Number) c3.get("qtd_faturas_u1m")).longValue());
        money("50.00", c3.get("vl_fatura_total_u1m"));
        assertNull(c3.get("pct_pagamento_em_dia_u1m"));
        assertNull(c3.get("pct_inadimplencia_u1m"));
        assertNull(c3.get("dias_atraso_medio_u1m"));
        assertNull(c3.get("dias_atraso_max_u1m"));
        dbl(0.0, c3.get("pct_valor_pago_u1m"));
        // In April (D = 04-30) it has matured unpaid: 04-30 - 04-05 = 25 days, delinquent.
        Map<String, Object> april = row("2023-4", 3);
        assertEquals(25, ((Number) april.get("dias_atraso_max_u3m")).intValue());
        dbl(100.0, april.get("pct_inadimplencia_u3m"));
    }

    @Test
    void paymentAfterDIsIgnoredUntilItsMonth() {
        Map<String, Object> march = row("2023-3", 5);
        dbl(0.0, march.get("pct_pagamento_em_dia_u1m"));
        dbl(100.0, march.get("pct_inadimplencia_u1m"));
        assertEquals(21, ((Number) march.get("dias_atraso_max_u1m")).intValue()); // 03-31 - 03-10, unpaid at D
        dbl(0.0, march.get("pct_valor_pago_u1m"));
        Map<String, Object> april = row("2023-4", 5);
        assertEquals(23, ((Number) april.get("dias_atraso_max_u3m")).intValue()); // paid 04-02: 04-02 - 03-10
        dbl(0.0, april.get("pct_pagamento_em_dia_u3m"));
        dbl(0.0, april.get("pct_inadimplencia_u3m")); // 100 >= 30
        dbl(100.0, april.get("pct_valor_pago_u3m"));
    }

    @Test
    void clientWithInvoicesOnlyInOlderMonthsGetsZerosAndNulls() {
        Map<String, Object> c4 = row("2023-3", 4);
        assertEquals(0L, ((Number) c4.get("qtd_faturas_u1m")).longValue());
        money("0.00", c4.get("vl_fatura_total_u1m"));
        assertNull(c4.get("vl_fatura_medio_u1m"));
        assertNull(c4.get("pct_pagamento_em_dia_u1m"));
        assertNull(c4.get("pct_inadimplencia_u1m"));
        assertNull(c4.get("dias_atraso_medio_u1m"));
        assertNull(c4.get("dias_atraso_max_u1m"));
        assertNull(c4.get("pct_valor_pago_u1m"));
        assertEquals(1L, ((Number) c4.get("qtd_faturas_u3m")).longValue());
        money("100.00", c4.get("vl_fatura_medio_u3m"));
        assertEquals(80, ((Number) c4.get("dias_atraso_max_u3m")).intValue()); // 03-31 - 01-10
        dbl(100.0, c4.get("pct_inadimplencia_u3m"));
    }

    @Test
    void zeroInvoiceHasNoPaidShareAndIsNotDelinquent() {
        Map<String, Object> c6 = row("2023-3", 6);
        money("0.00", c6.get("vl_fatura_total_u1m"));
        money("0.00", c6.get("vl_fatura_medio_u1m"));
        assertNull(c6.get("pct_valor_pago_u1m")); // sum of valor_fatura is 0
        dbl(0.0, c6.get("pct_inadimplencia_u1m")); // 0 < 0 is false
        dbl(0.0, c6.get("pct_pagamento_em_dia_u1m")); // matured and never paid
        assertEquals(21, ((Number) c6.get("dias_atraso_max_u1m")).intValue());
    }

    @Test
    void averageRoundsHalfUpToCentsAndDaysLateAverage() {
        Map<String, Object> c7 = row("2023-3", 7);
        assertEquals(2L, ((Number) c7.get("qtd_faturas_u3m")).longValue());
        money("0.03", c7.get("vl_fatura_total_u3m"));
        money("0.02", c7.get("vl_fatura_medio_u3m")); // 0.015 half-up
        dbl(64.5, c7.get("dias_atraso_medio_u3m")); // (80 + 49) / 2
        assertEquals(80, ((Number) c7.get("dias_atraso_max_u3m")).intValue());
    }

    @Test
    void monthsWithLessThanTwelveMonthsOfHistory() {
        Map<String, Object> c4 = row("2023-1", 4);
        assertEquals(1L, ((Number) c4.get("qtd_faturas_u12m")).longValue());
        assertEquals(21, ((Number) c4.get("dias_atraso_max_u1m")).intValue()); // 01-31 - 01-10
        assertEquals(((Number) c4.get("dias_atraso_max_u1m")).intValue(), ((Number) c4.get("dias_atraso_max_u12m")).intValue());
        money("0.01", row("2023-1", 7).get("vl_fatura_medio_u12m"));
    }
}
