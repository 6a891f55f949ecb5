-- Taxas de inadimplência e de pagamento em dia por mês de vencimento, na carteira toda.
-- As faturas que vencem no mês M são avaliadas no fim de M (D = último dia de M) com as definições do
-- book (docs/book-variables.md): só contam pagamentos até D; em dia = primeiro pagamento até o
-- vencimento; inadimplente = valor pago até D abaixo do pagamento mínimo (sem pagamento = inadimplente).
-- Faz sentido para meses de vencimento já processados (os pagamentos de M chegam no arquivo de M).
WITH pagos AS (
  SELECT
    f.id_fatura,
    MIN(p.data_pagamento) AS primeiro_pagamento,
    SUM(p.valor_pagamento) AS vl_pago
  FROM tb_faturas f
  JOIN tb_pagamentos p ON p.id_fatura = f.id_fatura
  WHERE date_trunc('month', p.data_pagamento) <= date_trunc('month', f.data_vencimento)
  GROUP BY f.id_fatura
),
situacao AS (
  SELECT
    year(f.data_vencimento) AS ano_vencimento,
    month(f.data_vencimento) AS mes_vencimento,
    CASE WHEN pg.primeiro_pagamento <= f.data_vencimento THEN 1 ELSE 0 END AS em_dia,
    CASE WHEN COALESCE(pg.vl_pago, 0) < f.valor_pagamento_minimo THEN 1 ELSE 0 END AS inadimplente
  FROM tb_faturas f
  LEFT JOIN pagos pg ON pg.id_fatura = f.id_fatura
)
SELECT
  ano_vencimento,
  mes_vencimento,
  COUNT(*) AS faturas_vencidas,
  SUM(em_dia) AS pagas_em_dia,
  SUM(inadimplente) AS inadimplentes,
  100 * CAST(SUM(em_dia) AS DOUBLE) / COUNT(*) AS pct_pagamento_em_dia,
  100 * CAST(SUM(inadimplente) AS DOUBLE) / COUNT(*) AS pct_inadimplencia
FROM situacao
GROUP BY ano_vencimento, mes_vencimento
ORDER BY ano_vencimento, mes_vencimento
