package br.com.podcartoes.lake.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Applies the contract's row-level rules to one record, in the contract's order (the first failing rule
 * wins): a quote left open ({@link #validate(CsvRecord)}), field count, empty field, type, domain,
 * due date before emission, and (when a run month is given) the row's month. Set-level rules (duplicates, conflicting or existing keys, references) run in
 * the Flink job because they need the other rows.
 */
public final class RowValidator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TableContract table;
    private final int[] fileColumnOf;
    private final int headerSize;
    private final YearMonth runMonth;

    /**
     * @param header   the file's header (its column set already checked by {@link HeaderCheck})
     * @param runMonth the month every row must belong to, or null when rows are routed by their month
     */
    public RowValidator(TableContract table, List<String> header, YearMonth runMonth) {
        this.table = table;
        this.headerSize = header.size();
        this.runMonth = runMonth;
        this.fileColumnOf = new int[table.fields().size()];
        for (int i = 0; i < fileColumnOf.length; i++) {
            fileColumnOf[i] = header.indexOf(table.fields().get(i).name());
        }
    }

    /** The record's verdict: a quote left open on its line first, then the rules on its fields. */
    public Validation validate(CsvRecord record) {
        if (record.unclosedQuote()) {
            return reject(Reason.ASPAS_NAO_FECHADAS, "aspas abertas no campo " + record.fields().length
                    + " não fecham na mesma linha (um registro é uma linha)", null);
        }
        return validate(record.fields());
    }

    public Validation validate(String[] fields) {
        if (fields.length != headerSize) {
            return reject(Reason.NUMERO_DE_CAMPOS,
                    "esperados " + headerSize + " campos, encontrados " + fields.length, null);
        }
        List<ContractField> contract = table.fields();
        for (int i = 0; i < contract.size(); i++) {
            if (fields[fileColumnOf[i]].isEmpty()) {
                return reject(Reason.CAMPO_OBRIGATORIO_VAZIO, contract.get(i).name() + " vazio", null);
            }
        }
        Object[] values = new Object[contract.size()];
        Reason typeError = null;
        String typeDetail = null;
        for (int i = 0; i < contract.size(); i++) {
            ContractField f = contract.get(i);
            String text = fields[fileColumnOf[i]];
            values[i] = FieldParser.parse(f.kind(), text);
            if (values[i] == null && typeError == null) {
                typeError = Reason.TIPO_INVALIDO;
                typeDetail = f.name() + "='" + Quote.of(text) + "' não é " + FieldParser.describe(f.kind());
            }
        }
        LocalDate monthDate = (LocalDate) values[table.indexOf(table.monthField())];
        YearMonth month = monthDate == null ? null : YearMonth.from(monthDate);
        if (typeError != null) {
            return reject(typeError, typeDetail, month);
        }
        String domain = table == TableContract.FATURAS ? invoiceDomain(values) : paymentDomain(values);
        if (domain != null) {
            return reject(Reason.VALOR_FORA_DO_DOMINIO, domain, month);
        }
        if (table == TableContract.FATURAS) {
            LocalDate emissao = (LocalDate) values[2];
            LocalDate vencimento = (LocalDate) values[3];
            if (vencimento.isBefore(emissao)) {
                return reject(Reason.VENCIMENTO_ANTES_DA_EMISSAO,
                        "data_vencimento=" + vencimento + " antes de data_emissao=" + emissao, month);
            }
        }
        if (runMonth != null && !runMonth.equals(month)) {
            return reject(Reason.MES_DIVERGENTE,
                    table.monthField() + "=" + monthDate + " fora do mês " + runMonth, month);
        }
        return new Validation(null, null, values, month);
    }

    private static String invoiceDomain(Object[] v) {
        long cliente = (Long) v[1];
        BigDecimal fatura = (BigDecimal) v[4];
        BigDecimal minimo = (BigDecimal) v[5];
        if (cliente <= 0) {
            return "id_cliente=" + cliente + " deve ser > 0";
        }
        if (fatura.signum() < 0) {
            return "valor_fatura=" + fatura.toPlainString() + " deve ser >= 0";
        }
        if (minimo.signum() < 0) {
            return "valor_pagamento_minimo=" + minimo.toPlainString() + " deve ser >= 0";
        }
        if (minimo.compareTo(fatura) > 0) {
            return "valor_pagamento_minimo=" + minimo.toPlainString() + " maior que valor_fatura="
                    + fatura.toPlainString();
        }
        return null;
    }

    private static String paymentDomain(Object[] v) {
        long cliente = (Long) v[2];
        BigDecimal valor = (BigDecimal) v[4];
        if (cliente <= 0) {
            return "id_cliente=" + cliente + " deve ser > 0";
        }
        if (valor.signum() <= 0) {
            return "valor_pagamento=" + valor.toPlainString() + " deve ser > 0";
        }
        return null;
    }

    private static Validation reject(Reason reason, String detail, YearMonth month) {
        return new Validation(reason, detail, null, month);
    }
}
