package br.com.podcartoes.lake.quality;

import br.com.podcartoes.lake.curated.TableCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An alert of a month: a book column whose PSI against the month before is at least "moderada", or a
 * table whose quarantine rate (quarentena / lidas) is above the threshold. Alerts do not fail the run:
 * they go to the report ({@code alertas}), the log, the page and the deploy workflow's notification.
 *
 * @param tipo   {@code drift} or {@code quarentena}
 * @param nivel  {@code significativa}/{@code moderada} for drift, {@code acima_do_limite} for quarantine
 * @param alvo   the column (drift) or the table (quarantine)
 * @param valor  the PSI, or the quarantine rate in percent
 * @param limite the threshold crossed
 */
public record Alert(String tipo, String nivel, String alvo, double valor, double limite) {
    public static final String DRIFT = "drift";
    public static final String QUARANTINE = "quarentena";
    public static final String ABOVE_LIMIT = "acima_do_limite";
    public static final double DEFAULT_QUARANTINE_PCT = 1.0;

    /** The operator's line. */
    public String message() {
        return tipo.equals(DRIFT)
                ? String.format(Locale.ROOT, "drift %s em %s: PSI %.4f (>= %.2f)", nivel, alvo, valor, limite)
                : String.format(Locale.ROOT, "quarentena de %s em %.2f%% (limite %.2f%%)", alvo, valor, limite);
    }

    /** The drift alerts of a month's PSI per column, in column order. */
    public static List<Alert> drift(Map<String, Double> psi) {
        List<Alert> out = new ArrayList<>();
        psi.forEach((column, value) -> {
            Drift level = Drift.of(value);
            if (level != Drift.ESTAVEL) {
                out.add(new Alert(DRIFT, level.label(), column, value, level.from()));
            }
        });
        return out;
    }

    /** The quarantine alerts of a month's counts: rate above {@code limitPct} percent of the rows read. */
    public static List<Alert> quarantine(Map<String, TableCounts> counts, double limitPct) {
        List<Alert> out = new ArrayList<>();
        counts.forEach((table, c) -> {
            double pct = c.lidas() == 0 ? 0 : 100.0 * c.quarentena() / c.lidas();
            if (pct > limitPct) {
                out.add(new Alert(QUARANTINE, ABOVE_LIMIT, table, pct, limitPct));
            }
        });
        return out;
    }
}
