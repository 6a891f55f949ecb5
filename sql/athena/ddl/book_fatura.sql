CREATE EXTERNAL TABLE IF NOT EXISTS `book_fatura` (
  `id_cliente` bigint COMMENT 'Identificador do cliente.',
  `dt_referencia` date COMMENT 'Data de referência D: último dia do mês de referência; o book usa só o que era conhecido até D.',
  `qtd_faturas_u1m` bigint COMMENT 'Quantidade de faturas emitidas na janela. Janela U1M (mês de referência): número de faturas da janela.',
  `vl_fatura_total_u1m` decimal(18,2) COMMENT 'Valor total faturado na janela. Janela U1M (mês de referência): soma de valor_fatura (0 quando não há faturas).',
  `vl_fatura_medio_u1m` decimal(18,2) COMMENT 'Valor médio das faturas da janela. Janela U1M (mês de referência): média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas).',
  `pct_pagamento_em_dia_u1m` double COMMENT 'Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento. Janela U1M (mês de referência): 100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas).',
  `pct_inadimplencia_u1m` double COMMENT 'Percentual das faturas vencidas com valor pago abaixo do mínimo. Janela U1M (mês de referência): 100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_medio_u1m` double COMMENT 'Atraso médio, em dias, das faturas vencidas. Janela U1M (mês de referência): média dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_max_u1m` int COMMENT 'Maior atraso, em dias, entre as faturas vencidas. Janela U1M (mês de referência): máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `pct_valor_pago_u1m` double COMMENT 'Percentual do valor faturado que foi pago até a data de referência. Janela U1M (mês de referência): 100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0).',
  `qtd_faturas_u3m` bigint COMMENT 'Quantidade de faturas emitidas na janela. Janela U3M (últimos 3 meses de emissão até o mês de referência): número de faturas da janela.',
  `vl_fatura_total_u3m` decimal(18,2) COMMENT 'Valor total faturado na janela. Janela U3M (últimos 3 meses de emissão até o mês de referência): soma de valor_fatura (0 quando não há faturas).',
  `vl_fatura_medio_u3m` decimal(18,2) COMMENT 'Valor médio das faturas da janela. Janela U3M (últimos 3 meses de emissão até o mês de referência): média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas).',
  `pct_pagamento_em_dia_u3m` double COMMENT 'Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento. Janela U3M (últimos 3 meses de emissão até o mês de referência): 100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas).',
  `pct_inadimplencia_u3m` double COMMENT 'Percentual das faturas vencidas com valor pago abaixo do mínimo. Janela U3M (últimos 3 meses de emissão até o mês de referência): 100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_medio_u3m` double COMMENT 'Atraso médio, em dias, das faturas vencidas. Janela U3M (últimos 3 meses de emissão até o mês de referência): média dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_max_u3m` int COMMENT 'Maior atraso, em dias, entre as faturas vencidas. Janela U3M (últimos 3 meses de emissão até o mês de referência): máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `pct_valor_pago_u3m` double COMMENT 'Percentual do valor faturado que foi pago até a data de referência. Janela U3M (últimos 3 meses de emissão até o mês de referência): 100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0).',
  `qtd_faturas_u6m` bigint COMMENT 'Quantidade de faturas emitidas na janela. Janela U6M (últimos 6 meses de emissão até o mês de referência): número de faturas da janela.',
  `vl_fatura_total_u6m` decimal(18,2) COMMENT 'Valor total faturado na janela. Janela U6M (últimos 6 meses de emissão até o mês de referência): soma de valor_fatura (0 quando não há faturas).',
  `vl_fatura_medio_u6m` decimal(18,2) COMMENT 'Valor médio das faturas da janela. Janela U6M (últimos 6 meses de emissão até o mês de referência): média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas).',
  `pct_pagamento_em_dia_u6m` double COMMENT 'Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento. Janela U6M (últimos 6 meses de emissão até o mês de referência): 100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas).',
  `pct_inadimplencia_u6m` double COMMENT 'Percentual das faturas vencidas com valor pago abaixo do mínimo. Janela U6M (últimos 6 meses de emissão até o mês de referência): 100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_medio_u6m` double COMMENT 'Atraso médio, em dias, das faturas vencidas. Janela U6M (últimos 6 meses de emissão até o mês de referência): média dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_max_u6m` int COMMENT 'Maior atraso, em dias, entre as faturas vencidas. Janela U6M (últimos 6 meses de emissão até o mês de referência): máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `pct_valor_pago_u6m` double COMMENT 'Percentual do valor faturado que foi pago até a data de referência. Janela U6M (últimos 6 meses de emissão até o mês de referência): 100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0).',
  `qtd_faturas_u12m` bigint COMMENT 'Quantidade de faturas emitidas na janela. Janela U12M (últimos 12 meses de emissão até o mês de referência): número de faturas da janela.',
  `vl_fatura_total_u12m` decimal(18,2) COMMENT 'Valor total faturado na janela. Janela U12M (últimos 12 meses de emissão até o mês de referência): soma de valor_fatura (0 quando não há faturas).',
  `vl_fatura_medio_u12m` decimal(18,2) COMMENT 'Valor médio das faturas da janela. Janela U12M (últimos 12 meses de emissão até o mês de referência): média de valor_fatura, arredondada half-up a centavos (NULL quando não há faturas).',
  `pct_pagamento_em_dia_u12m` double COMMENT 'Percentual das faturas vencidas cujo primeiro pagamento foi até o vencimento. Janela U12M (últimos 12 meses de emissão até o mês de referência): 100 × faturas vencidas pagas em dia / faturas vencidas (NULL quando não há vencidas).',
  `pct_inadimplencia_u12m` double COMMENT 'Percentual das faturas vencidas com valor pago abaixo do mínimo. Janela U12M (últimos 12 meses de emissão até o mês de referência): 100 × faturas vencidas inadimplentes (pago < mínimo) / faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_medio_u12m` double COMMENT 'Atraso médio, em dias, das faturas vencidas. Janela U12M (últimos 12 meses de emissão até o mês de referência): média dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `dias_atraso_max_u12m` int COMMENT 'Maior atraso, em dias, entre as faturas vencidas. Janela U12M (últimos 12 meses de emissão até o mês de referência): máximo dos dias de atraso das faturas vencidas (NULL quando não há vencidas).',
  `pct_valor_pago_u12m` double COMMENT 'Percentual do valor faturado que foi pago até a data de referência. Janela U12M (últimos 12 meses de emissão até o mês de referência): 100 × soma de vl_pago / soma de valor_fatura (NULL quando a soma é 0).'
)
COMMENT 'Book de Variáveis de Fatura: uma linha por cliente e mês de referência (partição), 32 variáveis U1M/U3M/U6M/U12M.'
PARTITIONED BY (
  `ano` string COMMENT 'Ano da partição (YYYY).',
  `mes` string COMMENT 'Mês da partição (MM).'
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://<bucket>/<prefixo>/refined/book_fatura/'
TBLPROPERTIES (
  'classification' = 'parquet'
)
