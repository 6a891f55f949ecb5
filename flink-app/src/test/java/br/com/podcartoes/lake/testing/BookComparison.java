package br.com.podcartoes.lake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares the pipeline's book (read by DuckDB from Parquet) with {@link ReferenceBook}, column by column. */
public final class BookComparison {
    private static final String[] WINDOWS = {"u1m", "u3m", "u6m", "u12m"};

    private BookComparison() {}

    /** Asserts equality for every client; returns the number of clients compared. */
    public static int assertEqual(DuckDb db, Path lake, String refTable, YearMonth month) throws SQLException {
        return assertEqual(db, DuckDb.table(lake, "refined/book_fatura"), refTable, month);
    }

    /** The same, for a DuckDB relation of the book (ano and mes as numbers). */
    public static int assertEqual(DuckDb db, String book, String refTable, YearMonth month) throws SQLException {
        long refCount = db.count("SELECT COUNT(*) FROM " + refTable);
        long bookCount = db.count("SELECT COUNT(*) FROM " + book + " WHERE ano = " + month.getYear() + " AND mes = "
                + month.getMonthValue());
        assertEquals(refCount, bookCount, "clients in the book of " + month);
        List<Map<String, Object>> rows = db.rows("SELECT b.*, r.* FROM (SELECT * FROM " + book + " WHERE ano = "
                + month.getYear() + " AND mes = " + month.getMonthValue() + ") b JOIN " + refTable
                + " r ON b.id_cliente = r.ref_id_cliente ORDER BY b.id_cliente");
        assertEquals(refCount, rows.size(), "every client of the reference is in the book of " + month);
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Object id = r.get("id_cliente");
            assertEquals(java.sql.Date.valueOf(month.atEndOfMonth()).toLocalDate(),
                    ((java.time.LocalDate) r.get("dt_referencia")), "dt_referencia");
            for (String w : WINDOWS) {
                exact(errors, id, "qtd_faturas_" + w, ((Number) r.get("qtd_faturas_" + w)).longValue(),
                        ((Number) r.get("ref_qtd_faturas_" + w)).longValue());
                cents(errors, id, "vl_fatura_total_" + w, r.get("vl_fatura_total_" + w), r.get("ref_total_cents_" + w));
                cents(errors, id, "vl_fatura_medio_" + w, r.get("vl_fatura_medio_" + w), r.get("ref_medio_cents_" + w));
                close(errors, id, "pct_pagamento_em_dia_" + w, r.get("pct_pagamento_em_dia_" + w), r.get("ref_pct_pagamento_em_dia_" + w));
                close(errors, id, "pct_inadimplencia_" + w, r.get("pct_inadimplencia_" + w), r.get("ref_pct_inadimplencia_" + w));
                close(errors, id, "dias_atraso_medio_" + w, r.get("dias_atraso_medio_" + w), r.get("ref_dias_atraso_medio_" + w));
                integer(errors, id, "dias_atraso_max_" + w, r.get("dias_atraso_max_" + w), r.get("ref_dias_atraso_max_" + w));
                close(errors, id, "pct_valor_pago_" + w, r.get("pct_valor_pago_" + w), r.get("ref_pct_valor_pago_" + w));
            }
        }
        assertTrue(errors.isEmpty(), month + ": " + errors.size() + " differences, first: "
                + errors.subList(0, Math.min(10, errors.size())));
        return rows.size();
    }

    private static void exact(List<String> errors, Object id, String col, long actual, long expected) {
        if (actual != expected) {
            errors.add(id + "." + col + "=" + actual + " expected " + expected);
        }
    }

    private static void cents(List<String> errors, Object id, String col, Object actual, Object expectedCents) {
        BigDecimal expected = expectedCents == null ? null : BigDecimal.valueOf(((Number) expectedCents).longValue(), 2);
        BigDecimal got = actual == null ? null : ((BigDecimal) actual).setScale(2);
        if (expected == null ? got != null : got == null || expected.compareTo(got) != 0) {
            errors.add(id + "." + col + "=" + got + " expected " + expected);
        }
    }

    private static void close(List<String> errors, Object id, String col, Object actual, Object expected) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                errors.add(id + "." + col + "=" + actual + " expected " + expected);
            }
            return;
        }
        double a = ((Number) actual).doubleValue();
        double e = ((Number) expected).doubleValue();
        if (Math.abs(a - e) > 1e-9) {
            errors.add(id + "." + col + "=" + a + " expected " + e);
        }
    }

    private static void integer(List<String> errors, Object id, String col, Object actual, Object expected) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                errors.add(id + "." + col + "=" + actual + " expected " + expected);
            }
        } else if (((Number) actual).longValue() != ((Number) expected).longValue()) {
            errors.add(id + "." + col + "=" + actual + " expected " + expected);
        }
    }
}
