package br.com.podcartoes.lake.quality;

import java.util.Locale;

/**
 * The PSI levels of an alert. PSI of month M against M−1, per book column: bins from the deciles of M−1
 * (equal edges merged; NULL is a bin of its own), e and a the shares of M−1 and M in each bin (an empty
 * bin counts as 0.0001), PSI = Σ (a − e)·ln(a / e). Below 0.10 the population is stable; from 0.10
 * "moderada"; from 0.25 "significativa".
 */
public enum Drift {
    ESTAVEL("estável", 0.0), MODERADA("moderada", 0.10), SIGNIFICATIVA("significativa", 0.25);

    /** The share an empty bin counts as. */
    public static final double EMPTY_BIN = 0.0001;

    private final String label;
    private final double from;

    Drift(String label, double from) {
        this.label = label;
        this.from = from;
    }

    public String label() {
        return label;
    }

    public double from() {
        return from;
    }

    public static Drift of(double psi) {
        return psi >= SIGNIFICATIVA.from ? SIGNIFICATIVA : psi >= MODERADA.from ? MODERADA : ESTAVEL;
    }

    /** One bin's term (a − e)·ln(a / e), from counts and totals. */
    public static double term(long actual, long actualTotal, long expected, long expectedTotal) {
        double a = actual == 0 ? EMPTY_BIN : (double) actual / actualTotal;
        double e = expected == 0 ? EMPTY_BIN : (double) expected / expectedTotal;
        return (a - e) * Math.log(a / e);
    }

    public static String format(double psi) {
        return String.format(Locale.ROOT, "%.4f", psi);
    }
}
