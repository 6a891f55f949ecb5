package br.com.podcartoes.lake.contract;

/** Quarantine reason codes, in the order the contract checks them (the first failing rule wins). */
public enum Reason {
    ASPAS_NAO_FECHADAS,
    NUMERO_DE_CAMPOS,
    CAMPO_OBRIGATORIO_VAZIO,
    TIPO_INVALIDO,
    VALOR_FORA_DO_DOMINIO,
    VENCIMENTO_ANTES_DA_EMISSAO,
    MES_DIVERGENTE,
    CHAVE_CONFLITANTE,
    CHAVE_JA_EXISTENTE,
    FATURA_INEXISTENTE,
    CLIENTE_DIVERGENTE,
    PAGAMENTO_ANTES_DA_EMISSAO
}
