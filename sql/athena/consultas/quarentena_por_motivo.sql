-- Resumo da quarentena por tabela, mês (partição = mês do arquivo) e motivo: quantas linhas e de quantos
-- arquivos. Os códigos de motivo (docs/data-contract.md), na ordem em que o contrato os confere:
-- ASPAS_NAO_FECHADAS, NUMERO_DE_CAMPOS, CAMPO_OBRIGATORIO_VAZIO, TIPO_INVALIDO, VALOR_FORA_DO_DOMINIO,
-- VENCIMENTO_ANTES_DA_EMISSAO, MES_DIVERGENTE, CHAVE_CONFLITANTE, CHAVE_JA_EXISTENTE, FATURA_INEXISTENTE,
-- CLIENTE_DIVERGENTE, PAGAMENTO_ANTES_DA_EMISSAO.
SELECT
  tabela,
  ano,
  mes,
  motivo,
  COUNT(*) AS linhas,
  COUNT(DISTINCT arquivo) AS arquivos
FROM (
  SELECT 'tb_faturas' AS tabela, ano, mes, motivo, arquivo FROM quarentena_tb_faturas
  UNION ALL
  SELECT 'tb_pagamentos' AS tabela, ano, mes, motivo, arquivo FROM quarentena_tb_pagamentos
) q
GROUP BY tabela, ano, mes, motivo
ORDER BY ano, mes, tabela, linhas DESC, motivo
