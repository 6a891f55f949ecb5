-- Reconciliação por mês e arquivo de origem, só com as tabelas Parquet: linhas curadas e em quarentena.
-- curadas + quarentena = linhas lidas - duplicadas exatas; as lidas e as duplicadas de cada execução
-- estão no relatório _runs/AAAA-MM/<run_id>.json (tabelas.<tabela>.lidas/duplicadas).
WITH curadas AS (
  SELECT 'tb_faturas' AS tabela, ano, mes, arquivo, COUNT(*) AS linhas
  FROM tb_faturas GROUP BY ano, mes, arquivo
  UNION ALL
  SELECT 'tb_pagamentos' AS tabela, ano, mes, arquivo, COUNT(*) AS linhas
  FROM tb_pagamentos GROUP BY ano, mes, arquivo
),
quarentena AS (
  SELECT 'tb_faturas' AS tabela, ano, mes, arquivo, COUNT(*) AS linhas
  FROM quarentena_tb_faturas GROUP BY ano, mes, arquivo
  UNION ALL
  SELECT 'tb_pagamentos' AS tabela, ano, mes, arquivo, COUNT(*) AS linhas
  FROM quarentena_tb_pagamentos GROUP BY ano, mes, arquivo
)
SELECT
  COALESCE(c.tabela, q.tabela) AS tabela,
  COALESCE(c.ano, q.ano) AS ano,
  COALESCE(c.mes, q.mes) AS mes,
  COALESCE(c.arquivo, q.arquivo) AS arquivo,
  COALESCE(c.linhas, 0) AS curadas,
  COALESCE(q.linhas, 0) AS quarentena,
  COALESCE(c.linhas, 0) + COALESCE(q.linhas, 0) AS total
FROM curadas c
FULL OUTER JOIN quarentena q
  ON q.tabela = c.tabela AND q.ano = c.ano AND q.mes = c.mes AND q.arquivo = c.arquivo
-- ano, mes, tabela, arquivo
ORDER BY 2, 3, 1, 4
