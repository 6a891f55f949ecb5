package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.Reason;
import br.com.podcartoes.lake.contract.TableContract;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The quarantine rules that look beyond one row, declared once: reason, tables, when it is checked, the
 * condition and the detail. {@link CuratedPlan} generates the SQL from this list, in this order (the first
 * rule that holds wins, after the row-level reason). Conditions read the columns of the view
 * {@code checked_<t>}: the contract columns, {@code chave} (the key of a row that passed the row rules),
 * {@code conteudo_min/max} (its content's range among the month's rows of that key), {@code chave_existente}
 * (the key curated in a month outside the run), {@code primeiro_mes_aceito} (the first month of the run
 * that accepts the key) and, for payments, the referenced invoice ({@code fatura_ref}, {@code cliente_fatura},
 * {@code emissao_fatura}). {@code {key}} stands for the table's key column.
 */
public enum SetRule {
    CHAVE_CONFLITANTE(Reason.CHAVE_CONFLITANTE, Stage.WITHIN_MONTH, Set.of(TableContract.values()),
            "conteudo_min <> conteudo_max",
            "CONCAT('{key}=', chave, ' aparece com conteúdos diferentes')"),
    CHAVE_JA_EXISTENTE(Reason.CHAVE_JA_EXISTENTE, Stage.EXISTING_KEY, Set.of(TableContract.values()),
            "chave_existente IS NOT NULL OR primeiro_mes_aceito < mes_lote",
            "CONCAT('{key}=', chave, ' já curado em outro mês')"),
    FATURA_INEXISTENTE(Reason.FATURA_INEXISTENTE, Stage.REFERENCE, Set.of(TableContract.PAGAMENTOS),
            "fatura_ref IS NULL",
            "CONCAT('id_fatura=', id_fatura, ' não existe nas faturas curadas')"),
    CLIENTE_DIVERGENTE(Reason.CLIENTE_DIVERGENTE, Stage.REFERENCE, Set.of(TableContract.PAGAMENTOS),
            "cliente_fatura <> id_cliente",
            "CONCAT('id_cliente=', CAST(id_cliente AS STRING), ' mas a fatura ', id_fatura, ' é do cliente ',"
                    + " CAST(cliente_fatura AS STRING))"),
    PAGAMENTO_ANTES_DA_EMISSAO(Reason.PAGAMENTO_ANTES_DA_EMISSAO, Stage.REFERENCE, Set.of(TableContract.PAGAMENTOS),
            "data_pagamento < emissao_fatura",
            "CONCAT('data_pagamento=', CAST(data_pagamento AS STRING), ' antes da emissão da fatura em ',"
                    + " CAST(emissao_fatura AS STRING))");

    /** When a rule is checked relative to dropping exact duplicates (which come after WITHIN_MONTH rules). */
    public enum Stage { WITHIN_MONTH, EXISTING_KEY, REFERENCE }

    private final Reason reason;
    private final Stage stage;
    private final Set<TableContract> tables;
    private final String condition;
    private final String detail;

    SetRule(Reason reason, Stage stage, Set<TableContract> tables, String condition, String detail) {
        this.reason = reason;
        this.stage = stage;
        this.tables = tables;
        this.condition = condition;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public Stage stage() {
        return stage;
    }

    /** The rules of a table, in checking order. */
    public static List<SetRule> of(TableContract table) {
        return Arrays.stream(values()).filter(r -> r.tables.contains(table)).toList();
    }

    public String condition(TableContract table) {
        return condition.replace("{key}", table.keyField());
    }

    public String detail(TableContract table) {
        return detail.replace("{key}", table.keyField());
    }
}
