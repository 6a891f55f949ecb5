package br.com.podcartoes.deploy;

import software.amazon.awscdk.Aws;

/**
 * The notification texts, as JSONata evaluated by the state machine at the end of a run.
 *
 * <p>One SNS publish carries two renderings (MessageStructure=json): {@code email} is plain text for people,
 * {@code default} is the AWS Chatbot "custom notification" JSON, the only shape Chatbot forwards to Slack.
 * SNS subjects must be ASCII, hence "Cartoes" there.
 *
 * <p>Variables used ($month, $runId, $report, $startedAt, $stoppedAt, ...) are assigned by {@link MonthlyRunWorkflow}.
 */
final class RunMessages {
    /** Managed Flink bills at least ten minutes per application start. */
    static final long MINIMUM_BILLED_MILLIS = 600_000L;

    private final String bucketName;
    private final String logGroupName;
    private final int billedKpus;
    private final String kpuPriceUsd;

    RunMessages(String bucketName, String logGroupName, int billedKpus, String kpuPriceUsd) {
        this.bucketName = bucketName;
        this.logGroupName = logGroupName;
        this.billedKpus = billedKpus;
        this.kpuPriceUsd = kpuPriceUsd;
    }

    /** The month's quality alerts (drift, quarantine rate) never fail a run, so they ride on the success. */
    String successSubject() {
        return "{% 'PoD Cartoes ' & $month & ': SUCESSO' & ($count($report.alertas) > 0"
                + " ? ' com ' & $string($count($report.alertas)) & ' alerta(s)' : '') %}";
    }

    String failureSubject() {
        return "{% 'PoD Cartoes ' & $month & ': FALHA' %}";
    }

    /** Month, curated/quarantined counts per table, book rows, duration and the run's estimated cost. */
    String successMessage() {
        String facts = "'Mês: ' & $month & '\\n'"
                + " & 'Run id: ' & $runId & '\\n'"
                + " & 'tb_faturas: ' & " + count("tb_faturas", "curadas") + " & ' curadas, ' & "
                + count("tb_faturas", "quarentena") + " & ' em quarentena\\n'"
                + " & 'tb_pagamentos: ' & " + count("tb_pagamentos", "curadas") + " & ' curadas, ' & "
                + count("tb_pagamentos", "quarentena") + " & ' em quarentena\\n'"
                + " & 'Book: ' & $string($report.book.linhas) & ' linhas\\n'"
                + " & 'Duração: ' & $string($round($report.duracao_total_ms / 60000, 1)) & ' min\\n'"
                + " & 'Custo da aplicação: US$ ' & " + billedCost() + " & '\\n'"
                + " & ($exists($report.custo_estimado_usd) ? 'Estimativa do próprio job: US$ '"
                + " & $formatNumber($report.custo_estimado_usd, '0.00') & '\\n' : '')"
                + " & ($count($report.alertas) > 0 ? 'Alertas de qualidade (' & $string($count($report.alertas))"
                + " & ', não falham a execução):\\n' & $join([$report.alertas.('- ' & mensagem)], '\\n') & '\\n' : '')";
        String links = "'Relatório: s3://" + bucketName + "/' & $reportKey & '\\n'"
                + " & 'Página de qualidade: s3://" + bucketName + "/' & $replace($reportKey, /\\.json$/, '.html') & '\\n'"
                + " & 'Execução: ' & " + executionUrl();
        return message("'PoD Cartões: ' & $month & ' concluído com SUCESSO'", ":white_check_mark:",
                "PodCartoesRunSucceeded", facts, links);
    }

    /** Stage, error, and the links to the application's logs and to the execution. */
    String failureMessage() {
        String facts = "'Mês: ' & $month & '\\n'"
                + " & 'Run id: ' & $runId & '\\n'"
                + " & 'Etapa: ' & $failureStage & '\\n'"
                + " & 'Erro: ' & $failureError & '\\n'"
                + " & 'A aplicação: ' & ($applicationStopped ? 'parada pelo workflow'"
                + " : ($startedAt > 0 ? 'PODE ESTAR LIGADA (e cobrando): verifique e pare-a' : 'não foi iniciada por esta execução')) & '\\n'"
                + " & ($startedAt > 0 ? 'Custo da aplicação: US$ ' & " + billedCost() + " & '\\n' : '')"
                + " & ($rerunExecution != '' ? 'Re-execução automática do mês (etapa transitória): ' & $rerunExecution & '\\n' : '')";
        String links = "'Logs da aplicação: ' & " + logsUrl() + " & '\\n'"
                + " & 'Execução: ' & " + executionUrl() + " & '\\n'"
                + " & 'Re-executar o mês: inicie a state machine com {\"month\":\"' & $month & '\"}'";
        return message("'PoD Cartões: ' & $month & ' FALHOU na etapa ' & $failureStage", ":x:",
                "PodCartoesRunFailed", facts, links);
    }

    private String message(String title, String emoji, String eventType, String facts, String links) {
        return render(title, emoji, eventType, "(" + facts + " & '\\n' & " + links + ")", "$runId", "'pod-cartoes-' & $month");
    }

    /**
     * An operational alert (guard, cleanup, deadline) in the same two renderings as the run messages.
     * {@code title} and {@code body} are JSONata string expressions.
     */
    static String alert(String title, String eventType, String body) {
        return render(title, ":rotating_light:", eventType, "(" + body + ")", "$states.context.Execution.Name", "'pod-cartoes-alertas'");
    }

    private static String render(String title, String emoji, String eventType, String body, String id, String thread) {
        String chatbot = "$string({"
                + "'version': '1.0', 'source': 'custom', 'id': " + id + ","
                + " 'content': {'textType': 'client-markdown', 'title': '" + emoji + " ' & " + title + ","
                + " 'description': " + body + "},"
                + " 'metadata': {'threadId': " + thread + ", 'summary': " + title + ", 'eventType': '" + eventType + "'}"
                + "})";
        return "{% $string({'default': " + chatbot + ", 'email': " + title + " & '\\n\\n' & " + body + "}) %}";
    }

    private static String count(String table, String kind) {
        return "$string($report.tabelas." + table + "." + kind + ")";
    }

    /**
     * What the application billed: the workflow's own start-to-stop time (at least the 10-minute minimum Managed
     * Flink charges per start) x the KPUs it is configured with x the KPU-hour price of the deployed region.
     */
    String billedCost() {
        String millis = "$max([(($stoppedAt > 0 ? $stoppedAt : $toMillis($now())) - $startedAt), " + MINIMUM_BILLED_MILLIS + "])";
        return "$formatNumber(" + millis + " / 3600000 * " + billedKpus + " * " + kpuPriceUsd + ", '0.00')"
                + " & ' (" + billedKpus + " KPU × ' & $formatNumber(" + millis + " / 3600000, '0.00') & ' h × US$ "
                + kpuPriceUsd + "/KPU-h)'";
    }

    private static String executionUrl() {
        return "'https://" + Aws.REGION + ".console.aws.amazon.com/states/home?region=" + Aws.REGION
                + "#/v2/executions/details/' & $states.context.Execution.Id";
    }

    /** The console encodes "/" in a log group name as $252F. */
    private String logsUrl() {
        return "'https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                + "#logsV2:log-groups/log-group/" + logGroupName.replace("/", "$252F") + "'";
    }
}
