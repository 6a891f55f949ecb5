CREATE EXTERNAL TABLE IF NOT EXISTS `tb_pagamentos` (
  `id_pagamento` string COMMENT 'Identificador do pagamento (chave).',
  `id_fatura` string COMMENT 'Fatura paga (deve existir, do mesmo cliente).',
  `id_cliente` bigint COMMENT 'Identificador do cliente (> 0).',
  `data_pagamento` date COMMENT 'Data do pagamento; define o mês do pagamento.',
  `valor_pagamento` decimal(15,2) COMMENT 'Valor pago (> 0).',
  `arquivo` string COMMENT 'Arquivo de origem (linhagem).',
  `run_id` string COMMENT 'Execução que curou a linha (linhagem).'
)
COMMENT 'Pagamentos curados: contrato validado, sem duplicatas; partição = mês do pagamento.'
PARTITIONED BY (
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://<bucket>/<prefixo>/curated/tb_pagamentos/'
TBLPROPERTIES (
  'classification' = 'parquet',
  'projection.enabled' = 'true',
  'projection.ano.type' = 'integer',
  'projection.ano.range' = '2015,2035',
  'projection.ano.digits' = '4',
  'projection.mes.type' = 'integer',
  'projection.mes.range' = '1,12',
  'projection.mes.digits' = '2',
  'storage.location.template' = 's3://<bucket>/<prefixo>/curated/tb_pagamentos/ano=${ano}/mes=${mes}/'
)
