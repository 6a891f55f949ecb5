package br.com.podcartoes.deploy;

import java.util.List;

/**
 * The figures of each monthly run the workflow publishes to CloudWatch (namespace {@value #NAMESPACE}) so the
 * dashboard shows the last runs without reading S3: outcome, billed duration and cost, rows per table and book
 * rows. Taken from the run report ($report) and the workflow's own start/stop times; the names are defined here
 * once, for the publishing expression and for the dashboard.
 */
final class RunMetrics {
    static final String NAMESPACE = ReportDeadlineCheck.NAMESPACE;
    static final String RUNS = "Execucoes";
    static final String SUCCESSES = "ExecucoesComSucesso";
    static final String BILLED_MINUTES = "MinutosFaturados";
    static final String COST = "CustoUsd";
    static final String BOOK_ROWS = "LinhasBook";
    static final String TABLE_DIMENSION = "Tabela";
    /** Per table: metric name -> key in the report's tabelas.&lt;t&gt; object. */
    static final List<List<String>> PER_TABLE = List.of(
            List.of("LinhasLidas", "lidas"), List.of("LinhasCuradas", "curadas"), List.of("LinhasEmQuarentena", "quarentena"));
    static final List<String> TABLES = List.of("tb_faturas", "tb_pagamentos");

    /** JSONata for PutMetricData's MetricData; absent report figures are left out rather than sent as zero. */
    static String metricData(int billedKpus, String kpuPriceUsd) {
        StringBuilder perTable = new StringBuilder();
        for (List<String> metric : PER_TABLE) {
            perTable.append(perTable.length() == 0 ? "" : ", ")
                    .append("{'MetricName': '").append(metric.get(0)).append("', 'Unit': 'Count',")
                    .append(" 'Dimensions': [{'Name': '").append(TABLE_DIMENSION).append("', 'Value': $t}],")
                    .append(" 'Value': $lookup($lookup($report.tabelas, $t), '").append(metric.get(1)).append("')}");
        }
        return "{% ("
                + " $hours := $startedAt > 0 ? $max([(($stoppedAt > 0 ? $stoppedAt : $toMillis($now())) - $startedAt), "
                + RunMessages.MINIMUM_BILLED_MILLIS + "]) / 3600000 : 0;"
                + " $tables := $exists($report.tabelas) ? $keys($report.tabelas) : [];"
                + " $all := $append([{'MetricName': '" + RUNS + "', 'Value': 1, 'Unit': 'Count'},"
                + " {'MetricName': '" + SUCCESSES + "', 'Value': $outcome = 'SUCESSO' ? 1 : 0, 'Unit': 'Count'},"
                + " {'MetricName': '" + BILLED_MINUTES + "', 'Value': $hours * 60, 'Unit': 'None'},"
                + " {'MetricName': '" + COST + "', 'Value': $hours * " + billedKpus + " * " + kpuPriceUsd + ", 'Unit': 'None'},"
                + " {'MetricName': '" + BOOK_ROWS + "', 'Value': $report.book.linhas, 'Unit': 'Count'}],"
                + " [$tables.($t := $; [" + perTable + "])]);"
                + " [$filter($all, function($m) { $type($m.Value) = 'number' })]"
                + " ) %}";
    }

    private RunMetrics() {
    }
}
