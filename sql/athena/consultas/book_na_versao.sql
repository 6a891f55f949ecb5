-- O book de um mês como estava numa versão (snapshot Iceberg) de book_fatura: viagem no tempo por versão.
-- Parâmetros: ${snapshot_id}, ${ano} (AAAA) e ${mes} (MM). O snapshot de antes e o de depois de cada
-- execução estão no relatório dela (_runs/AAAA-MM/<run_id>.json: snapshots.book_fatura.antes/depois);
-- todos os snapshots da tabela, com o instante de cada um: SELECT * FROM "book_fatura$snapshots".
-- Só vale dentro da retenção de snapshots (veja sql/README.md). Athena engine 3.
SELECT *
FROM book_fatura FOR VERSION AS OF ${snapshot_id}
WHERE ano = '${ano}' AND mes = '${mes}'
ORDER BY id_cliente
