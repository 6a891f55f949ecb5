-- Os 20 clientes mais arriscados de um mês de referência, pelo book.
-- Parâmetros: ${ano} (AAAA) e ${mes} (MM).
-- Critério, em ordem: maior % de inadimplência nos últimos 6 meses, maior atraso médio, menor % do valor
-- pago; empate pelo id. Clientes sem fatura vencida na janela (variáveis NULL) ficam por último.
SELECT
  id_cliente,
  dt_referencia,
  qtd_faturas_u6m,
  pct_inadimplencia_u6m,
  dias_atraso_medio_u6m,
  dias_atraso_max_u6m,
  pct_valor_pago_u6m,
  vl_fatura_total_u6m,
  pct_inadimplencia_u1m,
  pct_inadimplencia_u12m
FROM book_fatura
WHERE ano = '${ano}' AND mes = '${mes}'
ORDER BY
  pct_inadimplencia_u6m DESC NULLS LAST,
  dias_atraso_medio_u6m DESC NULLS LAST,
  pct_valor_pago_u6m ASC NULLS LAST,
  id_cliente
LIMIT 20
