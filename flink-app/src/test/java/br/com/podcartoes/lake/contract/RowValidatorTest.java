package br.com.podcartoes.lake.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RowValidatorTest {
    private static final List<String> F_HEADER = List.of("id_fatura", "id_cliente", "data_emissao", "data_vencimento",
            "valor_fatura", "valor_pagamento_minimo");
    private static final List<String> P_HEADER = List.of("id_pagamento", "id_fatura", "id_cliente", "data_pagamento",
            "valor_pagamento");
    private static final YearMonth JAN = YearMonth.of(2024, 1);

    private static Validation invoice(String line) {
        return new RowValidator(TableContract.FATURAS, F_HEADER, JAN).validate(line.split(",", -1));
    }

    private static Validation payment(String line) {
        return new RowValidator(TableContract.PAGAMENTOS, P_HEADER, JAN).validate(line.split(",", -1));
    }

    @Test
    void anUnclosedQuoteIsCheckedFirst() {
        RowValidator validator = new RowValidator(TableContract.FATURAS, F_HEADER, JAN);
        Validation v = validator.validate(new CsvRecord(52, "1-1,\"1", new String[] {"1-1", "1"}, true));
        assertEquals(Reason.ASPAS_NAO_FECHADAS, v.reason(), "before NUMERO_DE_CAMPOS");
        assertEquals(Reason.NUMERO_DE_CAMPOS,
                validator.validate(new CsvRecord(52, "1-1,1", new String[] {"1-1", "1"})).reason());
        assertEquals(Reason.ASPAS_NAO_FECHADAS, Reason.values()[0], "first in the contract's order");
    }

    @Test
    void validInvoiceIsTyped() {
        Validation v = invoice("1-13,1,2024-01-01,2024-01-10,1234.5,370.35");
        assertTrue(v.valid());
        assertEquals("1-13", v.values()[0]);
        assertEquals(1L, v.values()[1]);
        assertEquals(LocalDate.of(2024, 1, 10), v.values()[3]);
        assertEquals(new BigDecimal("1234.50"), v.values()[4]);
        assertEquals(JAN, v.month());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1-1,1,2024-01-01,2024-01-10,100.00                 | NUMERO_DE_CAMPOS",
        "1-1,1,2024-01-01,2024-01-10,100.00,30.00,x         | NUMERO_DE_CAMPOS",
        "1-1,1,2024-01-01,2024-01-10,,30.00                 | CAMPO_OBRIGATORIO_VAZIO",
        ",1,2024-01-01,2024-01-10,100.00,30.00              | CAMPO_OBRIGATORIO_VAZIO",
        "1-1,1,31/01/2024,2024-01-10,100.00,30.00           | TIPO_INVALIDO",
        "1-1,1,2023-02-29,2024-01-10,100.00,30.00           | TIPO_INVALIDO",
        "1-1,1,2024-04-31,2024-01-10,100.00,30.00           | TIPO_INVALIDO",
        "1-1,1,2024-1-01,2024-01-10,100.00,30.00            | TIPO_INVALIDO",
        "1-1,125O,2024-01-01,2024-01-10,100.00,30.00        | TIPO_INVALIDO",
        "1-1,+5,2024-01-01,2024-01-10,100.00,30.00          | TIPO_INVALIDO",
        "1-1,99999999999999999999,2024-01-01,2024-01-10,100.00,30.00 | TIPO_INVALIDO",
        "1-1,1,2024-01-01,2024-01-10,1e3,30.00              | TIPO_INVALIDO",
        "1-1,1,2024-01-01,2024-01-10,.5,0.10                | TIPO_INVALIDO",
        "1-1,1,2024-01-01,2024-01-10,5.,1.00                | TIPO_INVALIDO",
        "1-1,1,2024-01-01,2024-01-10,10.123,1.00            | TIPO_INVALIDO",
        "1-1,1,2024-01-01,2024-01-10,10000000000000.00,1.00 | TIPO_INVALIDO",
        "1-1,0,2024-01-01,2024-01-10,100.00,30.00           | VALOR_FORA_DO_DOMINIO",
        "1-1,-3,2024-01-01,2024-01-10,100.00,30.00          | VALOR_FORA_DO_DOMINIO",
        "1-1,1,2024-01-01,2024-01-10,-1.00,0.00             | VALOR_FORA_DO_DOMINIO",
        "1-1,1,2024-01-01,2024-01-10,100.00,-0.01           | VALOR_FORA_DO_DOMINIO",
        "1-1,1,2024-01-01,2024-01-10,100.00,100.01          | VALOR_FORA_DO_DOMINIO",
        "1-1,1,2024-01-10,2024-01-09,100.00,30.00           | VENCIMENTO_ANTES_DA_EMISSAO",
        "1-1,1,2023-12-01,2024-01-10,100.00,30.00           | MES_DIVERGENTE",
    })
    void invoiceRulesInOrder(String line, String reason) {
        Validation v = invoice(line.trim());
        assertEquals(Reason.valueOf(reason), v.reason(), v.detail());
        assertNull(v.values());
    }

    @Test
    void firstFailingRuleWins() {
        // empty field and a bad type: the empty field (earlier rule) is reported
        assertEquals(Reason.CAMPO_OBRIGATORIO_VAZIO, invoice("1-1,x,,2024-01-10,100.00,30.00").reason());
        // bad type and negative amount: the type
        assertEquals(Reason.TIPO_INVALIDO, invoice("1-1,1,2024-01-01,2024-01-10,-1.00,abc").reason());
        // domain and month: the domain
        assertEquals(Reason.VALOR_FORA_DO_DOMINIO, invoice("1-1,1,2023-01-01,2023-01-10,-1.00,0.00").reason());
    }

    @Test
    void detailNamesColumnAndValue() {
        Validation v = invoice("1-1,1,2024-01-01,2024-01-10,1.234,30.00");
        assertTrue(v.detail().contains("valor_fatura"), v.detail());
        assertTrue(v.detail().contains("1.234"), v.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PG-1,1-1,1,2024-01-05,0.00     | VALOR_FORA_DO_DOMINIO",
        "PG-1,1-1,1,2024-01-05,-10.00   | VALOR_FORA_DO_DOMINIO",
        "PG-1,1-1,0,2024-01-05,10.00    | VALOR_FORA_DO_DOMINIO",
        "PG-1,,1,2024-01-05,10.00       | CAMPO_OBRIGATORIO_VAZIO",
        "PG-1,1-1,1,2024-02-01,10.00    | MES_DIVERGENTE",
        "PG-1,1-1,1,2024-01-05,1.234,56 | NUMERO_DE_CAMPOS",
    })
    void paymentRules(String line, String reason) {
        assertEquals(Reason.valueOf(reason), payment(line.trim()).reason());
    }

    @Test
    void reorderedColumnsAreMappedByName() {
        List<String> header = List.of("valor_pagamento", "id_cliente", "data_pagamento", "id_pagamento", "id_fatura");
        Validation v = new RowValidator(TableContract.PAGAMENTOS, header, JAN)
                .validate(new String[] {"10.5", "7", "2024-01-31", "PG-7-1", "7-1"});
        assertTrue(v.valid(), () -> v.detail());
        assertEquals("PG-7-1", v.values()[0]);
        assertEquals("7-1", v.values()[1]);
        assertEquals(new BigDecimal("10.50"), v.values()[4]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0.00", "12", "12.3", "12.34", "-0.5", "9999999999999.99"})
    void amountsThatParse(String text) {
        assertEquals(new BigDecimal(text).setScale(2), FieldParser.parseAmount(text));
    }

    @Test
    void historyModeKeepsTheRowMonthWithoutEnforcingIt() {
        Validation v = new RowValidator(TableContract.FATURAS, F_HEADER, null)
                .validate("1-1,1,2023-03-01,2023-03-10,100.00,30.00".split(","));
        assertTrue(v.valid());
        assertEquals(YearMonth.of(2023, 3), v.month());
        Validation bad = new RowValidator(TableContract.FATURAS, F_HEADER, null)
                .validate("1-1,1,2023-03-01,2023-03-10,-1.00,0.00".split(","));
        assertEquals(YearMonth.of(2023, 3), bad.month(), "a row that fails a later rule is still routed by month");
    }
}
