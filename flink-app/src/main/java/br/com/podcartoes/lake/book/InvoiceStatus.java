package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.lake.TableColumn;
import java.time.YearMonth;
import java.util.List;

/**
 * The per-invoice status table ({@code refined/_estado_fatura/ano=YYYY/mes=MM}): for reference month M,
 * one row per curated invoice issued in the 12 months ending at M, with what was paid up to D (the last
 * day of M) and the first payment date. Month M is month M-1's status (minus the invoice month that left
 * the window) plus M's invoices, updated with M's payments only — so the monthly cost grows with the new
 * month, not with the history. Amounts are integer cents and dates are epoch days: the book then
 * aggregates primitives only.
 */
public final class InvoiceStatus {
    public static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("id_fatura", "STRING", "Fatura."),
            new TableColumn("id_cliente", "BIGINT", "Cliente da fatura."),
            new TableColumn("mes_emissao", "INT", "Mês de emissão como ano * 12 + mês."),
            new TableColumn("valor_centavos", "BIGINT", "valor_fatura em centavos."),
            new TableColumn("minimo_centavos", "BIGINT", "valor_pagamento_minimo em centavos."),
            new TableColumn("vencimento_dia", "INT", "data_vencimento em dias desde 1970-01-01."),
            new TableColumn("pago_centavos", "BIGINT", "Soma dos pagamentos até D, em centavos."),
            new TableColumn("primeiro_pagamento_dia", "INT",
                    "Primeiro pagamento até D, em dias desde 1970-01-01 (NULL se não houve)."));

    /**
     * The status at D as the book's components read it ({@link BookComponent}): one row per invoice with
     * {@code meses_atras} (0 for the reference month) and the flags the definitions name.
     */
    static final String AT_D = "SELECT id_cliente, {m} - mes_emissao AS meses_atras, valor_centavos, pago_centavos,"
            + " vencimento_dia <= {d} AS vencida,"
            + " COALESCE(primeiro_pagamento_dia <= vencimento_dia, FALSE) AS em_dia,"
            + " pago_centavos < minimo_centavos AS inadimplente,"
            + " GREATEST(0, COALESCE(primeiro_pagamento_dia, {d}) - vencimento_dia) AS dias_atraso"
            + " FROM {status}";

    private InvoiceStatus() {}

    /** Month as ano * 12 + mês, the unit of {@code mes_emissao}. */
    static int monthIndex(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue();
    }

    /** Days since 1970-01-01 of a DATE expression. */
    static String epochDay(String dateExpr) {
        return "DIA_EPOCA(" + dateExpr + ")";
    }

    /** Exact cents of a DECIMAL(15,2) amount. */
    static String cents(String amountExpr) {
        return "CENTAVOS(" + amountExpr + ")";
    }

    /**
     * The status at M: {@code previous} (status rows, may be empty) keeps the invoices still in the window,
     * {@code invoices} (curated invoices) are added unpaid, then {@code payments} (curated payments up to D)
     * are summed into each invoice they pay.
     */
    static String query(YearMonth month, String previous, String invoices, String payments) {
        int m = monthIndex(month);
        String d = "DATE '" + month.atEndOfMonth() + "'";
        String base = "SELECT id_fatura, id_cliente, mes_emissao, valor_centavos, minimo_centavos, vencimento_dia,"
                + " pago_centavos, primeiro_pagamento_dia FROM " + previous
                + " WHERE mes_emissao > " + (m - Window.longest())
                + " UNION ALL SELECT id_fatura, id_cliente, CAST(YEAR(data_emissao) * 12 + MONTH(data_emissao) AS INT),"
                + " " + cents("valor_fatura") + ", " + cents("valor_pagamento_minimo") + ", "
                + epochDay("data_vencimento") + ", CAST(0 AS BIGINT), CAST(NULL AS INT)"
                + " FROM " + invoices + " WHERE data_emissao <= " + d
                + " AND YEAR(data_emissao) * 12 + MONTH(data_emissao) > " + (m - Window.longest());
        String paid = "SELECT id_fatura, SUM(" + cents("valor_pagamento") + ") AS pago,"
                + " MIN(" + epochDay("data_pagamento") + ") AS primeiro FROM " + payments
                + " WHERE data_pagamento <= " + d + " GROUP BY id_fatura";
        return "SELECT b.id_fatura, b.id_cliente, b.mes_emissao, b.valor_centavos, b.minimo_centavos,"
                + " b.vencimento_dia, b.pago_centavos + COALESCE(p.pago, 0) AS pago_centavos,"
                + " CASE WHEN p.primeiro IS NULL THEN b.primeiro_pagamento_dia"
                + " WHEN b.primeiro_pagamento_dia IS NULL OR p.primeiro < b.primeiro_pagamento_dia THEN p.primeiro"
                + " ELSE b.primeiro_pagamento_dia END AS primeiro_pagamento_dia"
                + " FROM (" + base + ") b LEFT JOIN (" + paid + ") p ON b.id_fatura = p.id_fatura";
    }

    /** The status at D of {@code status} for the book of {@code month}. */
    static String atD(YearMonth month, String status) {
        return AT_D.replace("{m}", String.valueOf(monthIndex(month)))
                .replace("{d}", String.valueOf(month.atEndOfMonth().toEpochDay()))
                .replace("{status}", status);
    }
}
