package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.CommandReport;
import br.com.podcartoes.lake.report.RunReports;
import br.com.podcartoes.lake.storage.IcebergCatalog;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.SnapshotLineage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * {@code rollback --run-id ID [--cascade]}: puts every table a run changed back at its snapshot before the
 * run, as its reports recorded it ({@code snapshots}), and writes {@code _runs/rollback/<id>.json}.
 *
 * <p>When a later run committed to one of those tables (the run's snapshot is no longer the current one),
 * undoing only this run would silently undo the later one too: refused, naming the later runs, unless
 * {@code --cascade}, which undoes them as well, newest first. Compactions ({@code maintain}) are the same
 * rows in other files and never stand in the way. Raw copies and the run reports stay; the rollback's
 * report lists the runs it undid, and the quality page no longer counts them.
 *
 * <p>Each table moves in one commit (its current-snapshot pointer; no file is written), but the six tables
 * move one after the other: Iceberg's catalogs here commit one table at a time. An interrupted rollback is
 * finished by running it again: tables already back are left alone.
 */
public final class Rollback {
    /** The rollback cannot be done as asked: nothing was changed. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The runs to undo, newest first; commits no report accounts for; and what makes it impossible. */
    private record Plan(List<RunHistory.Run> runs, List<String> unrecorded, List<String> problems) {}

    private final LakeLayout lake;

    public Rollback(PipelineOptions options) {
        this.lake = LakeLayout.of(options);
    }

    public CommandReport run(String runId, boolean cascade) throws Exception {
        String id = RunIds.next();
        try (LakeLock lock = LakeLock.acquire(lake, id, "rollback")) {
            RunHistory history = RunHistory.read(lake);
            RunHistory.Run target = history.run(runId).orElseThrow(() -> new IllegalArgumentException(
                    "nenhum relatório da execução " + runId + " com snapshots em " + lake.runsRoot()
                            + " (o run_id está no relatório de cada execução, _runs/YYYY-MM/<run_id>.json)"));
            if (target.isRollback()) {
                throw new IllegalArgumentException(runId + " é um rollback: para refazer o que ele desfez, rode os"
                        + " comandos de novo");
            }
            Optional<String> undoneBy = history.rolledBackBy(runId);
            if (undoneBy.isPresent()) {
                throw new RefusedException("a execução " + runId + " já foi desfeita pelo rollback " + undoneBy.get()
                        + " (" + lake.runsDir(RunReports.ROLLBACK) + "/" + undoneBy.get() + ".json)");
            }
            try (IcebergCatalog.Session catalog = lake.catalog().open()) {
                return rollback(id, target, cascade, history, catalog);
            }
        }
    }

    private CommandReport rollback(String id, RunHistory.Run target, boolean cascade, RunHistory history,
            IcebergCatalog.Session catalog) throws RefusedException {
        String runId = target.runId();
        Plan plan = plan(target, history, catalog);
        if (!plan.problems().isEmpty()) {
            throw new RefusedException("rollback de " + runId + " impossível: " + String.join("; ", plan.problems()));
        }
        if (!cascade && (plan.runs().size() > 1 || !plan.unrecorded().isEmpty())) {
            throw new RefusedException("rollback de " + runId + " recusado: execuções posteriores mudaram as"
                    + " mesmas tabelas: " + later(plan, target) + ". Desfazer só " + runId + " desfaria essas"
                    + " também; use --cascade para desfazê-las juntas (da mais nova para a mais antiga)");
        }
        return execute(id, target, cascade, plan, catalog);
    }

    private CommandReport execute(String id, RunHistory.Run target, boolean cascade, Plan plan,
            IcebergCatalog.Session catalog) {
        CommandReport report = new CommandReport(id, "rollback");
        ObjectNode json = report.json();
        json.put("execucao", target.runId());
        json.put("cascata", cascade);
        ArrayNode undone = json.putArray("execucoes_desfeitas");
        plan.runs().forEach(r -> undone.add(r.runId()));
        ArrayNode unrecorded = json.putArray("commits_sem_relatorio");
        plan.unrecorded().forEach(unrecorded::add);
        ArrayNode steps = json.putArray("passos");
        Map<LakeTable, Long> first = new EnumMap<>(LakeTable.class);
        Map<LakeTable, Long> last = new EnumMap<>(LakeTable.class);
        try {
            for (RunHistory.Run run : plan.runs()) {
                for (var e : run.changes().entrySet()) {
                    LakeTable t = e.getKey();
                    Table table = catalog.tableOrNull(t);
                    Long before = current(table);
                    String action = undo(table, e.getValue());
                    Long after = current(table);
                    ObjectNode step = steps.addObject();
                    step.put("execucao", run.runId());
                    step.put("tabela", t.tableName());
                    step.put("acao", action);
                    if (!java.util.Objects.equals(before, after)) {
                        first.putIfAbsent(t, before);
                        last.put(t, after);
                    }
                    Stages.log().info("rollback {} {}: {} ({} -> {})", run.runId(), t.tableName(), action, before, after);
                }
            }
            report.succeed();
        } catch (RuntimeException e) {
            report.fail(e);
            throw e;
        } finally {
            ObjectNode snapshots = json.putObject("snapshots");
            last.forEach((t, after) -> {
                ObjectNode n = snapshots.putObject(t.tableName());
                n.put("antes", first.get(t));
                n.put("depois", after);
            });
            ReportWriter.write(lake, report);
        }
        return report;
    }

    /** Puts one table back at its snapshot before the run, unless the run's change is no longer there. */
    private static String undo(Table table, RunHistory.Change change) {
        if (change.before() == null && !SnapshotLineage.hasRows(table)) {
            return "ja_vazia";
        }
        if (SnapshotLineage.after(table, change.after()) == null) {
            return "ja_desfeita";
        }
        SnapshotLineage.restore(table, change.before());
        return change.before() == null ? "esvaziada" : "restaurada";
    }

    private static Long current(Table table) {
        table.refresh();
        return table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    }

    /**
     * The target and, following each of its tables' snapshots forward, every run that committed on top of
     * it, and of those, transitively: what {@code --cascade} undoes.
     */
    private static Plan plan(RunHistory.Run target, RunHistory history, IcebergCatalog.Session catalog) {
        List<RunHistory.Run> runs = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(target.runId()));
        Deque<RunHistory.Run> queue = new ArrayDeque<>(List.of(target));
        while (!queue.isEmpty()) {
            RunHistory.Run run = queue.poll();
            runs.add(run);
            for (var e : run.changes().entrySet()) {
                LakeTable t = e.getKey();
                RunHistory.Change c = e.getValue();
                Table table = catalog.tableOrNull(t);
                if (table == null) {
                    problems.add(t.tableName() + " não existe no catálogo");
                    continue;
                }
                if (c.before() != null && !SnapshotLineage.exists(table, c.before())) {
                    problems.add(t.tableName() + ": o snapshot " + c.before() + " de antes de " + run.runId()
                            + " expirou (maintain; fora da janela de retenção)");
                    continue;
                }
                if (c.before() == null && !SnapshotLineage.hasRows(table)) {
                    continue; // already as before the run: empty
                }
                List<Snapshot> later = SnapshotLineage.after(table, c.after());
                if (later == null) {
                    if (!SnapshotLineage.exists(table, c.after())) {
                        problems.add(t.tableName() + ": o snapshot " + c.after() + " de " + run.runId()
                                + " expirou (maintain; fora da janela de retenção)");
                    }
                    continue; // not in the table's line any more: already undone
                }
                List<Snapshot> pending = new ArrayList<>();
                for (Snapshot s : later) {
                    if (SnapshotLineage.sameRows(s)) {
                        continue;
                    }
                    Optional<RunHistory.Run> owner = history.committedBy(t, s.snapshotId());
                    if (owner.isEmpty()) {
                        pending.add(s); // a commit of the run whose last commit comes later, or of no known run
                        continue;
                    }
                    RunHistory.Run o = owner.get();
                    settle(pending, o.changes().get(t), t, unrecorded);
                    if (o.isRollback()) {
                        problems.add(t.tableName() + ": o rollback " + o.runId() + " mudou a tabela depois");
                    } else if (seen.add(o.runId())) {
                        queue.add(o);
                    }
                }
                settle(pending, null, t, unrecorded);
            }
        }
        runs.sort(Comparator.comparing(RunHistory.Run::start).reversed());
        return new Plan(runs, unrecorded, problems);
    }

    /**
     * The pending snapshots up to the owner's snapshot before it are nobody's (a run killed between its
     * commits and its report); the ones after it are the owner's own earlier commits.
     */
    private static void settle(List<Snapshot> pending, RunHistory.Change owner, LakeTable t, List<String> unrecorded) {
        int start = 0;
        for (int i = 0; i < pending.size(); i++) {
            if (owner != null && owner.before() != null && pending.get(i).snapshotId() == owner.before()) {
                start = i + 1;
            }
        }
        int end = owner == null ? pending.size() : start;
        for (Snapshot s : pending.subList(0, end)) {
            unrecorded.add(t.tableName() + ": snapshot " + s.snapshotId() + " (" + s.operation() + ", "
                    + Instant.ofEpochMilli(s.timestampMillis()) + ")");
        }
        pending.clear();
    }

    private static String later(Plan plan, RunHistory.Run target) {
        List<String> parts = new ArrayList<>();
        for (RunHistory.Run r : plan.runs()) {
            if (r != target) {
                parts.add(r.runId() + " (" + r.command() + ", " + r.start() + ": " + r.changes().keySet().stream()
                        .map(LakeTable::tableName).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (!plan.unrecorded().isEmpty()) {
            parts.add("commits sem relatório [" + String.join("; ", plan.unrecorded()) + "]");
        }
        return String.join("; ", parts);
    }
}
