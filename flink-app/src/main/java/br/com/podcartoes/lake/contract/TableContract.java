package br.com.podcartoes.lake.contract;

import java.util.List;

/**
 * The two delivered tables as the data contract ({@code docs/data-contract.md}) defines them. Everything
 * else (the CSV reader's column mapping, the curated Parquet schema, the Glue columns) derives from here.
 */
public enum TableContract {
    FATURAS("tb_faturas", "id_fatura", "data_emissao", List.of(
            new ContractField("id_fatura", FieldKind.TEXT, "Identificador da fatura (chave)."),
            new ContractField("id_cliente", FieldKind.INTEGER, "Identificador do cliente (> 0)."),
            new ContractField("data_emissao", FieldKind.DATE, "Data de emissão; define o mês da fatura."),
            new ContractField("data_vencimento", FieldKind.DATE, "Data de vencimento (não antes da emissão)."),
            new ContractField("valor_fatura", FieldKind.AMOUNT, "Valor da fatura (>= 0)."),
            new ContractField("valor_pagamento_minimo", FieldKind.AMOUNT,
                    "Pagamento mínimo (>= 0 e <= valor_fatura)."))),
    PAGAMENTOS("tb_pagamentos", "id_pagamento", "data_pagamento", List.of(
            new ContractField("id_pagamento", FieldKind.TEXT, "Identificador do pagamento (chave)."),
            new ContractField("id_fatura", FieldKind.TEXT, "Fatura paga (deve existir, do mesmo cliente)."),
            new ContractField("id_cliente", FieldKind.INTEGER, "Identificador do cliente (> 0)."),
            new ContractField("data_pagamento", FieldKind.DATE, "Data do pagamento; define o mês do pagamento."),
            new ContractField("valor_pagamento", FieldKind.AMOUNT, "Valor pago (> 0).")));

    private final String tableName;
    private final String keyField;
    private final String monthField;
    private final List<ContractField> fields;

    TableContract(String tableName, String keyField, String monthField, List<ContractField> fields) {
        this.tableName = tableName;
        this.keyField = keyField;
        this.monthField = monthField;
        this.fields = fields;
    }

    /** The table's name in every layer, e.g. {@code tb_faturas}. */
    public String tableName() {
        return tableName;
    }

    public String keyField() {
        return keyField;
    }

    /** The date column whose month is the row's month. */
    public String monthField() {
        return monthField;
    }

    public List<ContractField> fields() {
        return fields;
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(tableName + " has no column " + fieldName);
    }

    /** The monthly file name, e.g. {@code tb_faturas_202401.csv}. */
    public String monthlyFileName(java.time.YearMonth month) {
        return tableName + "_" + Month.of(month).key() + ".csv";
    }
}
