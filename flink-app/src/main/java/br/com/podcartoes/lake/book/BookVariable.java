package br.com.podcartoes.lake.book;

import java.util.List;

/**
 * The variables of the Book de Variáveis de Fatura, each declared once. Every per-window column, the
 * Flink aggregation, the Parquet schema, the Glue columns and the data dictionary derive from this list.
 *
 * <p>{@code aggregate} is a Flink SQL aggregate over the per-invoice status rows of the client, where
 * {@code {w}} stands for "the invoice is in the window" and these columns exist: {@code valor_fatura},
 * {@code vl_pago} (payments up to D), {@code vencida} (matured at D), {@code em_dia} (first payment on or
 * before the due date), {@code inadimplente} ({@code vl_pago < valor_pagamento_minimo}) and
 * {@code dias_atraso}.
 */
public record BookVariable(String name, String sqlType, String definition, String description, String aggregate) {

    public static final List<BookVariable> ALL = List.of(
            new BookVariable("qtd_faturas", "BIGINT",
                    "número de faturas da janela",
                    "Quantidade de faturas emitidas na janela.",
                    "COUNT(CASE WHEN {w} THEN 1 END)"),
            new BookVariable("vl_fatura_total", "DECIMAL(18,2)",
                    "soma de valor_fatura (0 quando não há faturas)",
                    "Valor total faturado na janela.",
                    "CAST(COALESCE(SUM(CASE WHEN {w} THEN valor_fatura END), 0) AS DECIMAL(18,2))"),
            new BookVariable("vl_fatura_medio", "DECIMAL(18,2)",
                    "média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas)",
                    "Valor médio das faturas da janela.",
                    // The sum is DECIMAL(18,2) so the division keeps 22 decimals before rounding to cents.
                    "CAST(ROUND(CAST(SUM(CASE WHEN {w} THEN valor_fatura END) AS DECIMAL(18,2))"
                            + " / NULLIF(COUNT(CASE WHEN {w} THEN 1 END), 0), 2) AS DECIMAL(18,2))"),
            new BookVariable("pct_pagamento_em_dia", "DOUBLE",
                    "100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas)",
                    "Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento.",
                    "100 * CAST(COUNT(CASE WHEN {w} AND vencida AND em_dia THEN 1 END) AS DOUBLE)"
                            + " / CAST(NULLIF(COUNT(CASE WHEN {w} AND vencida THEN 1 END), 0) AS DOUBLE)"),
            new BookVariable("pct_inadimplencia", "DOUBLE",
                    "100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas)",
                    "Percentual das faturas vencidas com valor pago abaixo do mínimo.",
                    "100 * CAST(COUNT(CASE WHEN {w} AND vencida AND inadimplente THEN 1 END) AS DOUBLE)"
                            + " / CAST(NULLIF(COUNT(CASE WHEN {w} AND vencida THEN 1 END), 0) AS DOUBLE)"),
            new BookVariable("dias_atraso_medio", "DOUBLE",
                    "média dos dias de atraso das faturas vencidas (NULL quando não há vencidas)",
                    "Atraso médio, em dias, das faturas vencidas.",
                    "CAST(SUM(CASE WHEN {w} AND vencida THEN dias_atraso END) AS DOUBLE)"
                            + " / CAST(NULLIF(COUNT(CASE WHEN {w} AND vencida THEN 1 END), 0) AS DOUBLE)"),
            new BookVariable("dias_atraso_max", "INT",
                    "máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas)",
                    "Maior atraso, em dias, entre as faturas vencidas.",
                    "MAX(CASE WHEN {w} AND vencida THEN dias_atraso END)"),
            new BookVariable("pct_valor_pago", "DOUBLE",
                    "100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0)",
                    "Percentual do valor faturado que foi pago até a data de referência.",
                    "100 * CAST(SUM(CASE WHEN {w} THEN vl_pago END) AS DOUBLE)"
                            + " / CAST(NULLIF(SUM(CASE WHEN {w} THEN valor_fatura END), 0) AS DOUBLE)"));

    public String column(Window w) {
        return name + "_" + w.suffix();
    }

    /** The aggregate for one window, given the SQL predicate that puts an invoice in it. */
    public String aggregateFor(String windowPredicate) {
        return aggregate.replace("{w}", windowPredicate);
    }
}
