CREATE EXTERNAL TABLE IF NOT EXISTS `quarentena_tb_pagamentos` (
  `arquivo` string COMMENT 'Arquivo de origem.',
  `linha` bigint COMMENT 'Linha física no arquivo (o cabeçalho é a linha 1).',
  `registro` string COMMENT 'Texto bruto da linha.',
  `motivo` string COMMENT 'Código do motivo da rejeição.',
  `detalhe` string COMMENT 'Detalhe legível: coluna e valor.',
  `run_id` string COMMENT 'Execução que rejeitou a linha.'
)
COMMENT 'Linhas de tb_pagamentos rejeitadas pelo contrato, com motivo e linha de origem; partição = mês do arquivo.'
PARTITIONED BY (
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://<bucket>/<prefixo>/quarantine/tb_pagamentos/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.ano.type' = 'integer',
  'projection.ano.range' = '2015,2035',
  'projection.ano.digits' = '4',
  'projection.mes.type' = 'integer',
  'projection.mes.range' = '1,12',
  'projection.mes.digits' = '2',
  'storage.location.template' = 's3://<bucket>/<prefixo>/quarantine/tb_pagamentos/ano=${ano}/mes=${mes}/'
)
