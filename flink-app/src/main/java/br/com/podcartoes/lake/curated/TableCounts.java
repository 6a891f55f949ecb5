package br.com.podcartoes.lake.curated;

import java.util.Map;
import java.util.TreeMap;

/**
 * The reconciliation of one table for one month: every row read is curated, quarantined or an exact
 * duplicate dropped.
 */
public record TableCounts(long lidas, long curadas, long quarentena, long duplicadas,
        Map<String, Long> quarentenaPorMotivo) {

    public boolean reconciles() {
        return lidas == curadas + quarentena + duplicadas
                && quarentena == quarentenaPorMotivo.values().stream().mapToLong(Long::longValue).sum();
    }

    public static TableCounts of(long lidas, long curadas, long duplicadas, Map<String, Long> byReason) {
        Map<String, Long> sorted = new TreeMap<>(byReason);
        long quarantined = sorted.values().stream().mapToLong(Long::longValue).sum();
        return new TableCounts(lidas, curadas, quarantined, duplicadas, sorted);
    }
}
