package br.com.podcartoes.lake.book;

/**
 * The partial aggregates every book variable is made of, one per window. Each is a plain BIGINT/INT
 * aggregate over the invoice status at D, so the 12-month GROUP BY runs on primitives; the variables are
 * then a cheap projection of these ({@link BookVariable#formula()}).
 *
 * <p>{@code row} is a SQL expression over one invoice's status at D, with the columns {@code valor_centavos},
 * {@code pago_centavos}, {@code vencida}, {@code em_dia}, {@code inadimplente} and {@code dias_atraso}
 * (see {@link InvoiceStatus#AT_D}).
 */
public enum BookComponent {
    FATURAS("CAST(1 AS BIGINT)", Kind.SUM),
    VALOR("valor_centavos", Kind.SUM),
    PAGO("pago_centavos", Kind.SUM),
    VENCIDAS("CAST(CASE WHEN vencida THEN 1 ELSE 0 END AS BIGINT)", Kind.SUM),
    VENCIDAS_EM_DIA("CAST(CASE WHEN vencida AND em_dia THEN 1 ELSE 0 END AS BIGINT)", Kind.SUM),
    VENCIDAS_INADIMPLENTES("CAST(CASE WHEN vencida AND inadimplente THEN 1 ELSE 0 END AS BIGINT)", Kind.SUM),
    DIAS_ATRASO_VENCIDAS("CAST(CASE WHEN vencida THEN dias_atraso ELSE 0 END AS BIGINT)", Kind.SUM),
    DIAS_ATRASO_MAX("CASE WHEN vencida THEN dias_atraso END", Kind.MAX);

    enum Kind { SUM, MAX }

    private final String row;
    private final Kind kind;

    BookComponent(String row, Kind kind) {
        this.row = row;
        this.kind = kind;
    }

    /** The placeholder a variable's formula uses for this component, e.g. {@code {VALOR}}. */
    public String placeholder() {
        return "{" + name() + "}";
    }

    public String column(Window w) {
        return "c_" + name().toLowerCase(java.util.Locale.ROOT) + "_" + w.suffix();
    }

    /**
     * The aggregate over the invoices of window {@code w}: a sum is 0 when the window has no invoice (the
     * formulas turn that into NULL where the definition says so), a maximum is NULL.
     */
    public String aggregate(Window w) {
        String inWindow = "meses_atras < " + w.months();
        return switch (kind) {
            case SUM -> "SUM(CASE WHEN " + inWindow + " THEN " + row + " ELSE 0 END)";
            case MAX -> "MAX(CASE WHEN " + inWindow + " THEN " + row + " END)";
        };
    }
}
