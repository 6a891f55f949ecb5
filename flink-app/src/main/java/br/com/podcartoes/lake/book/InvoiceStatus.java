package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.contract.Month;
import br.com.podcartoes.lake.storage.TableColumn;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

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
     * The status at D as the book's components read it ({@link BookComponent}): one row per reference month
     * and invoice with {@code meses_atras} (0 for the reference month) and the flags the definitions name.
     * {@code {status}} has the status columns plus the reference columns of {@link #references}.
     */
    static final String AT_D = """
            SELECT mes_ref, dt_referencia, id_cliente, mes_ref - mes_emissao AS meses_atras,
              valor_centavos, pago_centavos,
              vencimento_dia <= dia_ref AS vencida,
              COALESCE(primeiro_pagamento_dia <= vencimento_dia, FALSE) AS em_dia,
              pago_centavos < minimo_centavos AS inadimplente,
              GREATEST(0, COALESCE(primeiro_pagamento_dia, dia_ref) - vencimento_dia) AS dias_atraso
            FROM {status}""";

    private InvoiceStatus() {}

    /** Days since 1970-01-01 of a DATE expression. */
    static String epochDay(String dateExpr) {
        return "DIA_EPOCA(" + dateExpr + ")";
    }

    /** Exact cents of a DECIMAL(15,2) amount. */
    static String cents(String amountExpr) {
        return "CENTAVOS(" + amountExpr + ")";
    }

    /**
     * The reference months as a relation {@code (mes_ref, dia_ref, dt_referencia)}: month index, D as an
     * epoch day, and D.
     */
    static String references(List<YearMonth> months) {
        return "SELECT * FROM (VALUES " + months.stream().map(Month::of)
                .map(m -> "(" + m.index() + ", " + m.lastDay().toEpochDay() + ", DATE '" + m.lastDay() + "')")
                .collect(Collectors.joining(", ")) + ") AS r(mes_ref, dia_ref, dt_referencia)";
    }

    /**
     * The status of every reference month of {@code refs} ({@link #references}), tagged with its reference
     * columns: {@code previous} (status rows of one earlier month, may be empty) keeps the invoices still in
     * each month's window, {@code invoices} (curated invoices of the months after it) are added unpaid,
     * then {@code payments} (curated payments of the same months) up to each D are summed into the invoices
     * they pay. One join and one aggregation serve every month.
     */
    static String query(String refs, String previous, String invoices, String payments) {
        return """
                SELECT b.mes_ref, b.dia_ref, b.dt_referencia, b.id_fatura, b.id_cliente, b.mes_emissao,
                  b.valor_centavos, b.minimo_centavos, b.vencimento_dia,
                  b.pago_centavos + COALESCE(p.pago, 0) AS pago_centavos,
                  CASE WHEN p.primeiro IS NULL THEN b.primeiro_pagamento_dia
                       WHEN b.primeiro_pagamento_dia IS NULL OR p.primeiro < b.primeiro_pagamento_dia THEN p.primeiro
                       ELSE b.primeiro_pagamento_dia END AS primeiro_pagamento_dia
                FROM (
                  SELECT r.mes_ref, r.dia_ref, r.dt_referencia, s.id_fatura, s.id_cliente, s.mes_emissao,
                    s.valor_centavos, s.minimo_centavos, s.vencimento_dia, s.pago_centavos, s.primeiro_pagamento_dia
                  FROM {previous} s, {refs} r WHERE s.mes_emissao > r.mes_ref - {window}
                  UNION ALL
                  SELECT r.mes_ref, r.dia_ref, r.dt_referencia, f.id_fatura, f.id_cliente,
                    CAST({emission_month} AS INT), {invoice_cents}, {minimum_cents}, {due_day},
                    CAST(0 AS BIGINT), CAST(NULL AS INT)
                  FROM {invoices} f, {refs} r
                  WHERE f.data_emissao <= r.dt_referencia AND {emission_month} > r.mes_ref - {window}
                ) b
                LEFT JOIN (
                  SELECT r.mes_ref, p.id_fatura, SUM({paid_cents}) AS pago, MIN({paid_day}) AS primeiro
                  FROM {payments} p, {refs} r WHERE p.data_pagamento <= r.dt_referencia
                  GROUP BY r.mes_ref, p.id_fatura
                ) p ON b.mes_ref = p.mes_ref AND b.id_fatura = p.id_fatura"""
                .replace("{refs}", refs).replace("{previous}", previous).replace("{invoices}", invoices)
                .replace("{payments}", payments).replace("{window}", String.valueOf(Window.longest()))
                .replace("{emission_month}", Month.indexOf("f.data_emissao"))
                .replace("{invoice_cents}", cents("f.valor_fatura"))
                .replace("{minimum_cents}", cents("f.valor_pagamento_minimo"))
                .replace("{due_day}", epochDay("f.data_vencimento"))
                .replace("{paid_cents}", cents("p.valor_pagamento"))
                .replace("{paid_day}", epochDay("p.data_pagamento"));
    }

    /** The status at D of {@code status} (a {@link #query}). */
    static String atD(String status) {
        return AT_D.replace("{status}", status);
    }
}
