-- Resumo da quarentena por tabela, mês (partição = mês do arquivo) e motivo: quantas linhas e de quantos
-- arquivos. Os códigos de motivo estão em docs/data-contract.md.
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
