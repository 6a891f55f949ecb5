package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.report.RunReport;

/** A run failed; its report (already written) says where and why. */
public final class RunFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient RunReport report;

    public RunFailedException(RunReport report, Throwable cause) {
        super("[" + report.json().path("mes").asText() + "] falhou na etapa "
                + report.json().path("etapa_falha").asText() + ": " + report.json().path("erro").asText(), cause);
        this.report = report;
    }

    public RunReport report() {
        return report;
    }
}
