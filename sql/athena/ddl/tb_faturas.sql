CREATE TABLE IF NOT EXISTS `tb_faturas` (
  `id_fatura` string COMMENT 'Identificador da fatura (chave).',
  `id_cliente` bigint COMMENT 'Identificador do cliente (> 0).',
  `data_emissao` date COMMENT 'Data de emissão; define o mês da fatura.',
  `data_vencimento` date COMMENT 'Data de vencimento (não antes da emissão).',
  `valor_fatura` decimal(15,2) COMMENT 'Valor da fatura (>= 0).',
  `valor_pagamento_minimo` decimal(15,2) COMMENT 'Pagamento mínimo (>= 0 e <= valor_fatura).',
  `arquivo` string COMMENT 'Arquivo de origem (linhagem).',
  `run_id` string COMMENT 'Execução que curou a linha (linhagem).',
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
PARTITIONED BY (`ano`, `mes`)
LOCATION 's3://<bucket>/<prefixo>/curated/tb_faturas'
TBLPROPERTIES (
  'table_type' = 'ICEBERG',
  'format' = 'parquet',
  'write_compression' = 'snappy'
)
