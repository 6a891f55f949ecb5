CREATE EXTERNAL TABLE IF NOT EXISTS `tb_faturas` (
  `id_fatura` string COMMENT 'Identificador da fatura (chave).',
  `id_cliente` bigint COMMENT 'Identificador do cliente (> 0).',
  `data_emissao` date COMMENT 'Data de emissão; define o mês da fatura.',
  `data_vencimento` date COMMENT 'Data de vencimento (não antes da emissão).',
  `valor_fatura` decimal(15,2) COMMENT 'Valor da fatura (>= 0).',
  `valor_pagamento_minimo` decimal(15,2) COMMENT 'Pagamento mínimo (>= 0 e <= valor_fatura).',
  `arquivo` string COMMENT 'Arquivo de origem (linhagem).',
  `run_id` string COMMENT 'Execução que curou a linha (linhagem).'
)
COMMENT 'Faturas curadas: contrato validado, sem duplicatas; partição = mês de emissão.'
PARTITIONED BY (
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://<bucket>/<prefixo>/curated/tb_faturas/'
TBLPROPERTIES (
  'classification' = 'parquet'
)
