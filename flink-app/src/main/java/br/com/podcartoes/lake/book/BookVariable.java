package br.com.podcartoes.lake.book;

import java.util.List;

/**
 * The variables of the Book de Variáveis de Fatura, each declared once. Every per-window column, the
 * Flink aggregation, the Parquet schema, the Glue columns and the data dictionary derive from this list.
 *
 * <p>{@code formula} is a SQL expression over the window's partial aggregates, written as
 * {@code {COMPONENT}} placeholders of {@link BookComponent}: amounts are summed as integer cents and
 * counts as BIGINT, and only here become the contract's DECIMAL(18,2) (exactly, with
 * {@link CentsFunctions}) and the ratios' DOUBLE.
 */
public record BookVariable(String name, String sqlType, String definition, String description, String formula) {

    public static final List<BookVariable> ALL = List.of(
            new BookVariable("qtd_faturas", "BIGINT",
                    "número de faturas da janela",
                    "Quantidade de faturas emitidas na janela.",
                    "{FATURAS}"),
            new BookVariable("vl_fatura_total", "DECIMAL(18,2)",
                    "soma de valor_fatura (0 quando não há faturas)",
                    "Valor total faturado na janela.",
                    "REAIS({VALOR})"),
            new BookVariable("vl_fatura_medio", "DECIMAL(18,2)",
                    "média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas)",
                    "Valor médio das faturas da janela.",
                    "REAIS(MEDIA_CENTAVOS({VALOR}, {FATURAS}))"),
            new BookVariable("pct_pagamento_em_dia", "DOUBLE",
                    "100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas)",
                    "Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento.",
                    "100 * CAST({VENCIDAS_EM_DIA} AS DOUBLE) / CAST(NULLIF({VENCIDAS}, 0) AS DOUBLE)"),
            new BookVariable("pct_inadimplencia", "DOUBLE",
                    "100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas)",
                    "Percentual das faturas vencidas com valor pago abaixo do mínimo.",
                    "100 * CAST({VENCIDAS_INADIMPLENTES} AS DOUBLE) / CAST(NULLIF({VENCIDAS}, 0) AS DOUBLE)"),
            new BookVariable("dias_atraso_medio", "DOUBLE",
                    "média dos dias de atraso das faturas vencidas (NULL quando não há vencidas)",
                    "Atraso médio, em dias, das faturas vencidas.",
                    "CAST({DIAS_ATRASO_VENCIDAS} AS DOUBLE) / CAST(NULLIF({VENCIDAS}, 0) AS DOUBLE)"),
            new BookVariable("dias_atraso_max", "INT",
                    "máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas)",
                    "Maior atraso, em dias, entre as faturas vencidas.",
                    "{DIAS_ATRASO_MAX}"),
            new BookVariable("pct_valor_pago", "DOUBLE",
                    "100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0)",
                    "Percentual do valor faturado que foi pago até a data de referência.",
                    "100 * CAST({PAGO} AS DOUBLE) / CAST(NULLIF({VALOR}, 0) AS DOUBLE)"));

    public String column(Window w) {
        return name + "_" + w.suffix();
    }

    /** The SQL of this variable for window {@code w}, over the component columns of that window. */
    public String expressionFor(Window w) {
        String sql = formula;
        for (BookComponent c : BookComponent.values()) {
            sql = sql.replace(c.placeholder(), c.column(w));
        }
        if (sql.contains("{")) {
            throw new IllegalStateException(name + ": unknown component in " + formula);
        }
        return "CAST(" + sql + " AS " + sqlType + ")";
    }
}
