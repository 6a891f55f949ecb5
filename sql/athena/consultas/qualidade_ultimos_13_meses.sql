-- Qualidade dos últimos 13 meses com métricas: por mês, as linhas lidas, curadas e em quarentena (do
-- último relatório bem-sucedido que curou o mês), a taxa de quarentena por tabela e motivo, e quantas
-- colunas do book tiveram drift moderado (PSI >= 0,10) e significativo (PSI >= 0,25) contra o mês anterior.
-- Tabelas de sql/athena/qualidade/ (relatorios_execucao, metricas) e de quarentena.
WITH ultimos AS (
  SELECT ano, mes
  FROM (SELECT DISTINCT ano, mes FROM metricas WHERE grupo = 'book_fatura') m
  ORDER BY ano DESC, mes DESC
  LIMIT 13
),
execucao AS (
  SELECT mes_relatorio, tabelas,
    ROW_NUMBER() OVER (PARTITION BY mes_relatorio ORDER BY inicio DESC) AS n
  FROM relatorios_execucao
  WHERE run_id IS NOT NULL AND resultado = 'SUCESSO' AND tabelas.tb_faturas.lidas IS NOT NULL
),
drift AS (
  SELECT ano, mes,
    SUM(CASE WHEN psi >= 0.25 THEN 1 ELSE 0 END) AS colunas_drift_significativo,
    SUM(CASE WHEN psi >= 0.10 AND psi < 0.25 THEN 1 ELSE 0 END) AS colunas_drift_moderado
  FROM metricas
  WHERE grupo = 'book_fatura'
  GROUP BY ano, mes
),
quarentena AS (
  SELECT 'tb_faturas' AS tabela, ano, mes, motivo, COUNT(*) AS linhas FROM quarentena_tb_faturas GROUP BY ano, mes, motivo
  UNION ALL
  SELECT 'tb_pagamentos' AS tabela, ano, mes, motivo, COUNT(*) AS linhas FROM quarentena_tb_pagamentos GROUP BY ano, mes, motivo
)
SELECT
  u.ano,
  u.mes,
  e.tabelas.tb_faturas.lidas + e.tabelas.tb_pagamentos.lidas AS linhas_lidas,
  e.tabelas.tb_faturas.curadas + e.tabelas.tb_pagamentos.curadas AS linhas_curadas,
  e.tabelas.tb_faturas.quarentena + e.tabelas.tb_pagamentos.quarentena AS linhas_quarentena,
  ROUND(100.0 * (e.tabelas.tb_faturas.quarentena + e.tabelas.tb_pagamentos.quarentena)
    / (e.tabelas.tb_faturas.lidas + e.tabelas.tb_pagamentos.lidas), 3) AS pct_quarentena,
  q.tabela,
  q.motivo,
  q.linhas AS linhas_motivo,
  ROUND(100.0 * q.linhas / CASE q.tabela WHEN 'tb_faturas' THEN e.tabelas.tb_faturas.lidas
    ELSE e.tabelas.tb_pagamentos.lidas END, 3) AS pct_motivo,
  d.colunas_drift_significativo,
  d.colunas_drift_moderado
FROM ultimos u
LEFT JOIN execucao e ON e.mes_relatorio = u.ano || '-' || u.mes AND e.n = 1
LEFT JOIN quarentena q ON q.ano = u.ano AND q.mes = u.mes
LEFT JOIN drift d ON d.ano = u.ano AND d.mes = u.mes
ORDER BY u.ano, u.mes, q.tabela NULLS LAST, q.motivo NULLS LAST
