package br.com.podcartoes.lake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import br.com.podcartoes.lake.curated.TableCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PSI bin rule, the levels and the alerts, by hand. */
class DriftTest {
    @Test
    void binsMergeEqualEdgesAndKeepNullsApart() {
        Double[] edges = {0.0, 0.0, 0.0, 10.0, 10.0, 20.0, 30.0, 30.0, 40.0};
        // distinct edges 0, 10, 20, 30, 40: bins (-inf,0], (0,10], (10,20], (20,30], (30,40], (40,+inf)
        assertEquals(0, PsiBin.bin(-5.0, edges));
        assertEquals(0, PsiBin.bin(0.0, edges));
        assertEquals(1, PsiBin.bin(0.01, edges));
        assertEquals(1, PsiBin.bin(10.0, edges));
        assertEquals(4, PsiBin.bin(40.0, edges));
        assertEquals(5, PsiBin.bin(40.5, edges));
        assertEquals(-1, PsiBin.bin(null, edges));
        assertEquals(0, PsiBin.bin(7.0, null), "no edges (all NULL last month): one bin");
    }

    @Test
    void levelsAndTerms() {
        assertEquals(Drift.ESTAVEL, Drift.of(0.0999));
        assertEquals(Drift.MODERADA, Drift.of(0.10));
        assertEquals(Drift.SIGNIFICATIVA, Drift.of(0.25));
        // a = 30/100, e = 10/100: (0.3 - 0.1) * ln(3)
        assertEquals(0.2 * Math.log(3), Drift.term(30, 100, 10, 100), 1e-12);
        // an empty bin counts as 0.0001
        assertEquals((0.0001 - 0.5) * Math.log(0.0001 / 0.5), Drift.term(0, 100, 50, 100), 1e-12);
    }

    @Test
    void alertsForDriftAndQuarantine() {
        Map<String, Double> psi = new LinkedHashMap<>();
        psi.put("a", 0.05);
        psi.put("b", 0.12);
        psi.put("c", 0.30);
        assertEquals(List.of(new Alert("drift", "moderada", "b", 0.12, 0.10), new Alert("drift", "significativa", "c", 0.30, 0.25)),
                Alert.drift(psi));
        Map<String, TableCounts> counts = Map.of("tb_faturas", TableCounts.of(1000, 980, 0, Map.of("X", 20L)),
                "tb_pagamentos", TableCounts.of(1000, 995, 0, Map.of("X", 5L)));
        List<Alert> q = Alert.quarantine(new java.util.TreeMap<>(counts), 1.0);
        assertEquals(1, q.size());
        assertEquals("quarentena de tb_faturas em 2.00% (limite 1.00%)", q.get(0).message());
    }
}
