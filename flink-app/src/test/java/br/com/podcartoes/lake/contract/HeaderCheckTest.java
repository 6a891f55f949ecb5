package br.com.podcartoes.lake.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {
    private static List<String> check(TableContract t, String text) throws Exception {
        return HeaderCheck.read(t, "f.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reorderedAndQuotedHeaderIsAccepted() throws Exception {
        List<String> cols = check(TableContract.PAGAMENTOS,
                "\"valor_pagamento\",id_cliente, data_pagamento ,id_pagamento,id_fatura\r\n");
        assertEquals(List.of("valor_pagamento", "id_cliente", "data_pagamento", "id_pagamento", "id_fatura"), cols);
    }

    @Test
    void wrongHeaderListsMissingAndUnexpectedColumns() {
        ContractViolation e = assertThrows(ContractViolation.class, () -> check(TableContract.FATURAS,
                "id_fatura,id_cliente,data_emissao,vencimento,valor_fatura,valor_pagamento_minimo,extra\n1,2"));
        assertTrue(e.getMessage().startsWith("f.csv, linha 1"), e.getMessage());
        assertTrue(e.getMessage().contains("faltando [data_vencimento]"), e.getMessage());
        assertTrue(e.getMessage().contains("inesperadas [vencimento, extra]"), e.getMessage());
    }

    @Test
    void repeatedColumnIsRejected() {
        ContractViolation e = assertThrows(ContractViolation.class, () -> check(TableContract.PAGAMENTOS,
                "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento,id_cliente\n"));
        assertTrue(e.getMessage().contains("repetidas [id_cliente]"), e.getMessage());
    }

    @Test
    void emptyFileIsRejectedWithItsName() {
        ContractViolation e = assertThrows(ContractViolation.class, () -> check(TableContract.FATURAS, ""));
        assertTrue(e.getMessage().contains("f.csv") && e.getMessage().contains("vazio"), e.getMessage());
        assertThrows(ContractViolation.class, () -> check(TableContract.FATURAS, "\uFEFF\n  \n"));
    }

    @Test
    void headerOnlyFileIsValid() throws Exception {
        assertEquals(5, check(TableContract.PAGAMENTOS,
                "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento").size());
    }
}
