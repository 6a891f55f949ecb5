CREATE TABLE IF NOT EXISTS `quarentena_tb_pagamentos` (
  `arquivo` string COMMENT 'Arquivo de origem.',
  `linha` bigint COMMENT 'Linha física no arquivo (o cabeçalho é a linha 1).',
  `registro` string COMMENT 'Texto bruto da linha.',
  `motivo` string COMMENT 'Código do motivo da rejeição.',
  `detalhe` string COMMENT 'Detalhe legível: coluna e valor.',
  `run_id` string COMMENT 'Execução que rejeitou a linha.',
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
PARTITIONED BY (`ano`, `mes`)
LOCATION 's3://<bucket>/<prefixo>/quarantine/tb_pagamentos'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'snappy'
)
