package br.com.podcartoes.lake.report;

import br.com.podcartoes.lake.contract.Quote;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.ingest.RawFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;


/**
 * The run report written to {@code _runs/YYYY-MM/<run_id>.json}: what ran, on which files, with which
 * counts, how long each stage took, and how it ended. Field names are Portuguese like the data.
 */
public final class RunReport {
    public static final String SUCCESS = "SUCESSO";
    public static final String FAILURE = "FALHA";

    // One JSON object on one line: Athena's JSON SerDe (and jq) read it as is.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode stages = JSON.createArrayNode();
    private final ArrayNode files = JSON.createArrayNode();
    private final ObjectNode tables = JSON.createObjectNode();
    private final ObjectNode outputs = JSON.createObjectNode();
    private final ArrayNode jobs = JSON.createArrayNode();
    private final Instant start;
    private final String prefix;

    public RunReport(String runId, String command, YearMonth month) {
        this.start = Instant.now();
        this.prefix = "[" + month + "] ";
        root.put("run_id", runId);
        root.put("comando", command);
        root.put("mes", month.toString());
        root.put("inicio", start.toString());
        root.set("etapas", stages);
        root.set("arquivos", files);
        root.set("tabelas", tables);
        root.set("saidas", outputs);
        root.set("jobs_flink", jobs);
        root.putArray("alertas");
    }

    public String runId() {
        return root.get("run_id").asText();
    }

    /** Records a finished stage and returns the summary line printed for operators. */
    public String stage(String name, Duration took, String detail) {
        ObjectNode s = stages.addObject();
        s.put("etapa", name);
        s.put("duracao_ms", took.toMillis());
        s.put("detalhe", detail);
        return String.format("%s%-10s %6.1f s  %s", prefix, name, took.toMillis() / 1000.0, detail);
    }

    public void file(RawFile f) {
        ObjectNode n = files.addObject();
        n.put("tabela", f.table().tableName());
        n.put("origem", f.source().toString());
        n.put("raw", f.raw().toString());
        n.put("tamanho_bytes", f.sizeBytes());
        n.put("sha256", f.sha256());
        n.put("linhas_de_dados", f.records());
        n.put("reentrega", f.redelivery());
    }

    public void counts(String table, TableCounts c) {
        ObjectNode t = tables.putObject(table);
        t.put("lidas", c.lidas());
        t.put("curadas", c.curadas());
        t.put("quarentena", c.quarentena());
        t.put("duplicadas", c.duplicadas());
        ObjectNode reasons = t.putObject("quarentena_por_motivo");
        c.quarentenaPorMotivo().forEach(reasons::put);
        t.put("reconciliado", c.reconciles());
    }

    /** A Flink job the command submitted (one per command: Managed Flink allows one). */
    public void job(String jobId) {
        jobs.add(jobId);
    }

    public void output(String name, String location) {
        outputs.put(name, location);
    }

    /**
     * {@code snapshots}: for every table the run changed, its Iceberg snapshot before the run ({@code antes},
     * null when the table had none) and after it ({@code depois}). What {@code rollback} restores.
     */
    public void snapshots(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        ObjectNode s = root.putObject("snapshots");
        after.forEach((table, id) -> {
            Long was = before.get(table);
            if (!id.equals(was)) {
                ObjectNode t = s.putObject(table);
                if (was == null) {
                    t.putNull("antes");
                } else {
                    t.put("antes", was);
                }
                t.put("depois", id);
            }
        });
    }

    public void book(long rows, List<YearMonth> rebuilt) {
        ObjectNode b = root.putObject("book");
        b.put("linhas", rows);
        ArrayNode r = b.putArray("meses_reconstruidos");
        rebuilt.forEach(m -> r.add(m.toString()));
    }

    /**
     * The quality of the month: {@code book.drift} (book column → PSI against the month before),
     * {@code book.janela_incompleta} (book column → months its window holds at the month and at the month
     * before, for the columns whose window is still filling: no drift alert) and {@code alertas} (drift and
     * quarantine alerts; they do not fail the run).
     */
    public void quality(java.util.Map<String, Double> drift,
            java.util.Map<String, br.com.podcartoes.lake.quality.WindowFill.Incomplete> incomplete,
            List<br.com.podcartoes.lake.quality.Alert> alerts) {
        ObjectNode b = root.has("book") ? (ObjectNode) root.get("book") : root.putObject("book");
        ObjectNode d = b.putObject("drift");
        drift.forEach(d::put);
        ObjectNode w = b.putObject("janela_incompleta");
        incomplete.forEach((column, state) -> w.putObject(column).put("meses", state.meses())
                .put("meses_anterior", state.mesesAnterior()).put("janela", state.janela()));
        ArrayNode a = root.putArray("alertas");
        for (var alert : alerts) {
            ObjectNode n = a.addObject();
            n.put("tipo", alert.tipo());
            n.put("nivel", alert.nivel());
            n.put("alvo", alert.alvo());
            n.put("valor", alert.valor());
            n.put("limite", alert.limite());
            n.put("mensagem", alert.message());
        }
    }

    public void put(String key, String value) {
        root.put(key, value);
    }

    public void put(String key, long value) {
        root.put(key, value);
    }

    public void put(String key, double value) {
        root.put(key, value);
    }

    public void succeed() {
        finish(SUCCESS);
    }

    public void fail(String stage, Throwable error) {
        root.put("etapa_falha", stage);
        root.put("erro", message(error));
        finish(FAILURE);
    }

    private void finish(String outcome) {
        Instant end = Instant.now();
        root.put("fim", end.toString());
        root.put("duracao_total_ms", Duration.between(start, end).toMillis());
        root.put("resultado", outcome);
    }

    public boolean succeeded() {
        return SUCCESS.equals(root.path("resultado").asText());
    }

    public long totalMillis() {
        return root.path("duracao_total_ms").asLong(Duration.between(start, Instant.now()).toMillis());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode json() {
        return root;
    }

    /** The innermost useful message of an error chain, with the outer context. */
    public static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(" <- ");
                }
                sb.append(m);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.length() == 0 ? e.getClass().getName() : Quote.limit(sb.toString());
    }

}
