-- O book de um mês como estava num instante: viagem no tempo por data e hora (o snapshot de book_fatura
-- corrente naquele instante), por exemplo o dia em que um modelo foi treinado.
-- Parâmetros: ${instante} ('AAAA-MM-DD HH:MM:SS', em UTC), ${ano} (AAAA) e ${mes} (MM).
-- Só vale dentro da retenção de snapshots (veja sql/README.md). Athena engine 3.
SELECT *
FROM book_fatura FOR TIMESTAMP AS OF TIMESTAMP '${instante} UTC'
WHERE ano = '${ano}' AND mes = '${mes}'
ORDER BY id_cliente
