package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.TableCounts;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run that reconciles can still be worthless: a month of garbage rows under a valid header is 100%
 * quarantined, its book empty, and used to end SUCESSO. The gate fails the run when a table's month has
 * more than {@code --max-quarantine-pct} of its rows in quarantine, or when a month read invoices and
 * curated none. It runs after the job: what was written stays (readable, named in the report's
 * {@code saidas}) for an operator to inspect, and a corrected re-delivery replaces it.
 */
final class QualityGate {
    private static final int TOP_REASONS = 3;

    private QualityGate() {}

    static String check(Map<YearMonth, Map<TableContract, TableCounts>> counts, double maxQuarantinePct)
            throws QualityGateException {
        List<String> failures = new ArrayList<>();
        for (var month : counts.entrySet()) {
            for (var table : month.getValue().entrySet()) {
                TableCounts c = table.getValue();
                String where = month.getKey() + " " + table.getKey().tableName();
                double pct = c.lidas() == 0 ? 0 : 100.0 * c.quarentena() / c.lidas();
                if (pct > maxQuarantinePct) {
                    failures.add(String.format(Locale.ROOT, "%s: %.1f%% em quarentena (%d de %d; máximo %s%%): %s",
                            where, pct, c.quarentena(), c.lidas(), number(maxQuarantinePct), topReasons(c)));
                } else if (table.getKey() == TableContract.FATURAS && c.lidas() > 0 && c.curadas() == 0) {
                    failures.add(where + ": nenhuma fatura curada de " + c.lidas() + " lidas: " + topReasons(c));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new QualityGateException("qualidade abaixo do mínimo: " + String.join("; ", failures)
                    + " (os dados gravados ficam no lake: ver saidas no relatório)");
        }
        return "quarentena <= " + number(maxQuarantinePct) + "% em cada tabela e mês";
    }

    /** The most frequent reasons, with their counts: what an operator looks at first. */
    private static String topReasons(TableCounts c) {
        if (c.quarentenaPorMotivo().isEmpty()) {
            return "sem quarentena (" + c.duplicadas() + " duplicadas)";
        }
        return c.quarentenaPorMotivo().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String number(double pct) {
        return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
    }

    /** The run wrote its data but the data is not good enough: exit 1, FALHA at stage qualidade. */
    static final class QualityGateException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        QualityGateException(String message) {
            super(message);
        }
    }
}
