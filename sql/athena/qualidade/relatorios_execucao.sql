CREATE EXTERNAL TABLE IF NOT EXISTS `relatorios_execucao` (
  `run_id` string COMMENT 'Execução.',
  `comando` string COMMENT 'run, load-history ou backfill.',
  `mes` string COMMENT 'Mês do relatório (AAAA-MM).',
  `inicio` string COMMENT 'Início (ISO-8601, UTC).',
  `fim` string COMMENT 'Fim (ISO-8601, UTC).',
  `resultado` string COMMENT 'SUCESSO ou FALHA.',
  `etapa_falha` string COMMENT 'Etapa que falhou (só em FALHA).',
  `erro` string COMMENT 'Erro (só em FALHA).',
  `duracao_total_ms` bigint COMMENT 'Duração total em milissegundos.',
  `custo_estimado_usd` double COMMENT 'Custo estimado no Managed Flink.',
  `jobs_flink` array<string> COMMENT 'Jobs Flink do comando (um).',
  `tabelas` struct<
    tb_faturas:struct<lidas:bigint,curadas:bigint,quarentena:bigint,duplicadas:bigint,quarentena_por_motivo:map<string,bigint>,reconciliado:boolean>,
    tb_pagamentos:struct<lidas:bigint,curadas:bigint,quarentena:bigint,duplicadas:bigint,quarentena_por_motivo:map<string,bigint>,reconciliado:boolean>
  > COMMENT 'Contagens de reconciliação por tabela (vazio quando o comando não curou o mês).',
  `book` struct<linhas:bigint,meses_reconstruidos:array<string>,drift:map<string,double>> COMMENT 'Linhas do book e PSI por coluna contra o mês anterior.',
  `alertas` array<struct<tipo:string,nivel:string,alvo:string,valor:double,limite:double,mensagem:string>> COMMENT 'Alertas de drift e de quarentena.'
)
COMMENT 'Relatórios de execução (_runs/AAAA-MM/<run_id>.json, um objeto JSON por linha). A pasta do mês também guarda a página <run_id>.html: ignore.malformed.json faz o SerDe pular as linhas dela (viram linhas nulas; filtre run_id IS NOT NULL).'
PARTITIONED BY (
  `mes_relatorio` string COMMENT 'Pasta do relatório (AAAA-MM).'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')
LOCATION 's3://<bucket>/<prefixo>/_runs/'
TBLPROPERTIES (
  'classification' = 'json',
  'projection.enabled' = 'true',
  'projection.mes_relatorio.type' = 'date',
  'projection.mes_relatorio.format' = 'yyyy-MM',
  'projection.mes_relatorio.range' = '2015-01,NOW',
  'projection.mes_relatorio.interval' = '1',
  'projection.mes_relatorio.interval.unit' = 'MONTHS',
  'storage.location.template' = 's3://<bucket>/<prefixo>/_runs/${mes_relatorio}/'
)
