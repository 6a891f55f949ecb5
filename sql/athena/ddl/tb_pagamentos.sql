CREATE TABLE IF NOT EXISTS `tb_pagamentos` (
  `id_pagamento` string COMMENT 'Identificador do pagamento (chave).',
  `id_fatura` string COMMENT 'Fatura paga (deve existir, do mesmo cliente).',
  `id_cliente` bigint COMMENT 'Identificador do cliente (> 0).',
  `data_pagamento` date COMMENT 'Data do pagamento; define o mês do pagamento.',
  `valor_pagamento` decimal(15,2) COMMENT 'Valor pago (> 0).',
  `arquivo` string COMMENT 'Arquivo de origem (linhagem).',
  `run_id` string COMMENT 'Execução que curou a linha (linhagem).',
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
PARTITIONED BY (`ano`, `mes`)
LOCATION 's3://<bucket>/<prefixo>/curated/tb_pagamentos'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'snappy'
)
