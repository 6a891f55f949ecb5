CREATE EXTERNAL TABLE IF NOT EXISTS `metricas` (
  `tabela` string COMMENT 'Tabela medida (book_fatura, tb_faturas, tb_pagamentos).',
  `coluna` string COMMENT 'Coluna medida.',
  `qtd` bigint COMMENT 'Linhas do mês.',
  `nulos` bigint COMMENT 'Linhas com a coluna NULL.',
  `minimo` double COMMENT 'Mínimo.',
  `p25` double COMMENT 'Percentil 25 (interpolação linear).',
  `mediana` double COMMENT 'Mediana (interpolação linear).',
  `p75` double COMMENT 'Percentil 75 (interpolação linear).',
  `maximo` double COMMENT 'Máximo.',
  `media` double COMMENT 'Média.',
  `histograma` array<bigint> COMMENT 'Contagens em 10 faixas de largura igual entre mínimo e máximo do mês (o máximo na última).',
  `decis` array<double> COMMENT 'Decis 10..90: as faixas do PSI do mês seguinte.',
  `psi` double COMMENT 'PSI contra o mês anterior (NULL sem mês anterior ou fora do book).'
)
COMMENT 'Métricas de qualidade por mês (_metrics/<grupo>/ano=AAAA/mes=MM/, JSON, uma linha por coluna).'
PARTITIONED BY (
  `grupo` string COMMENT 'book_fatura ou curated.',
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://<bucket>/<prefixo>/_metrics/'
TBLPROPERTIES (
  'classification' = 'json',
  'projection.enabled' = 'true',
  'projection.grupo.type' = 'enum',
  'projection.grupo.values' = 'book_fatura,curated',
  'projection.ano.type' = 'integer',
  'projection.ano.range' = '2015,2035',
  'projection.ano.digits' = '4',
  'projection.mes.type' = 'integer',
  'projection.mes.range' = '1,12',
  'projection.mes.digits' = '2',
  'storage.location.template' = 's3://<bucket>/<prefixo>/_metrics/${grupo}/ano=${ano}/mes=${mes}/'
)
