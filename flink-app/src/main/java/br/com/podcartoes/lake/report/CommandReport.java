package br.com.podcartoes.lake.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The report of a command that is not about one month ({@code rollback}, {@code maintain}), written to
 * {@code _runs/<command>/<run_id>.json}: the same envelope as a run's report ({@code run_id},
 * {@code comando}, {@code inicio}, {@code fim}, {@code resultado}, {@code erro}) around what the command
 * did, which it puts in {@link #json()}.
 */
public final class CommandReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final Instant start = Instant.now();

    public CommandReport(String runId, String command) {
        root.put("run_id", runId);
        root.put("comando", command);
        root.put("inicio", start.toString());
    }

    public String runId() {
        return root.path("run_id").asText();
    }

    public String command() {
        return root.path("comando").asText();
    }

    public ObjectNode json() {
        return root;
    }

    public void succeed() {
        finish(RunReport.SUCCESS);
    }

    public void fail(Throwable error) {
        root.put("erro", RunReport.message(error));
        finish(RunReport.FAILURE);
    }

    private void finish(String outcome) {
        Instant end = Instant.now();
        root.put("fim", end.toString());
        root.put("duracao_total_ms", Duration.between(start, end).toMillis());
        root.put("resultado", outcome);
    }

    public String toJson() {
        return root.toString() + "\n";
    }
}
