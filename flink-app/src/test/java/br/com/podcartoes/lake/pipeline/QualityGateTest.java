package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.TableCounts;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityGateTest {
    private static final YearMonth JAN = YearMonth.of(2024, 1);

    private static Map<YearMonth, Map<TableContract, TableCounts>> counts(TableCounts faturas, TableCounts pagamentos) {
        return Map.of(JAN, Map.of(TableContract.FATURAS, faturas, TableContract.PAGAMENTOS, pagamentos));
    }

    @Test
    void passesAtTheLimitAndForAnEmptyMonth() throws Exception {
        TableCounts tenPct = TableCounts.of(100, 90, 0, Map.of("TIPO_INVALIDO", 10L));
        assertEquals("quarentena <= 10% em cada tabela e mês", QualityGate.check(counts(tenPct, tenPct), 10));
        TableCounts none = TableCounts.of(0, 0, 0, Map.of());
        QualityGate.check(counts(none, none), 10); // a header-only month is a valid empty month (the contract)
    }

    @Test
    void failsNamingTheTableMonthShareAndTopReasons() {
        TableCounts garbage = TableCounts.of(10, 0, 0, Map.of("TIPO_INVALIDO", 6L, "NUMERO_DE_CAMPOS", 3L,
                "ASPAS_NAO_FECHADAS", 1L));
        TableCounts fine = TableCounts.of(5, 5, 0, Map.of());
        String message = assertThrows(QualityGate.QualityGateException.class,
                () -> QualityGate.check(counts(fine, garbage), 10)).getMessage();
        assertTrue(message.contains("2024-01 tb_pagamentos: 100.0% em quarentena (10 de 10; máximo 10%):"
                + " TIPO_INVALIDO=6, NUMERO_DE_CAMPOS=3, ASPAS_NAO_FECHADAS=1"), message);
    }

    @Test
    void failsWhenInvoicesWereReadAndNoneCurated() {
        // With the quarantine limit off (100%), a month whose every invoice was rejected still fails.
        TableCounts allRejected = TableCounts.of(4, 0, 0, Map.of("TIPO_INVALIDO", 4L));
        String message = assertThrows(QualityGate.QualityGateException.class,
                () -> QualityGate.check(counts(allRejected, TableCounts.of(0, 0, 0, Map.of())), 100)).getMessage();
        assertTrue(message.contains("2024-01 tb_faturas: nenhuma fatura curada de 4 lidas"), message);
    }
}
