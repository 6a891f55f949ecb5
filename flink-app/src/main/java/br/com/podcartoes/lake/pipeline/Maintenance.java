package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.report.CommandReport;
import br.com.podcartoes.lake.storage.Compaction;
import br.com.podcartoes.lake.storage.IcebergCatalog;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.OrphanFiles;
import br.com.podcartoes.lake.storage.SnapshotExpiry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Table;

/**
 * {@code maintain [--older-than DAYS] [--retain-last N]}, table by table: expires the snapshots that were
 * not current at any moment of the window (and the files only they referenced), compacts each month's
 * small files into one, and deletes orphan files older than the window. No Flink job. Every state a
 * table had inside the window stays readable ({@code export --as-of}) and every run that committed inside
 * it can still be rolled back; what is older cannot. Writes {@code _runs/maintain/<id>.json}.
 */
public final class Maintenance {
    /** Default window: a month's run can be undone until after the next month's. */
    public static final int DEFAULT_DAYS = 30;

    private final LakeLayout lake;

    public Maintenance(PipelineOptions options) {
        this.lake = LakeLayout.of(options);
    }

    public CommandReport run(Duration window, int retainLast) throws Exception {
        if (window.isNegative()) {
            throw new IllegalArgumentException("--older-than deve ser >= 0");
        }
        if (retainLast < 1) {
            throw new IllegalArgumentException("--retain-last deve ser >= 1");
        }
        String id = RunIds.next();
        Instant start = Instant.now().minus(window);
        CommandReport report = new CommandReport(id, "maintain");
        ObjectNode json = report.json();
        json.put("janela_inicio", start.toString());
        json.put("janela_horas", window.toMinutes() / 60.0);
        json.put("reter_ultimos", retainLast);
        ObjectNode tables = json.putObject("tabelas");
        try (LakeLock lock = LakeLock.acquire(lake, id, "maintain");
                IcebergCatalog.Session catalog = lake.catalog().open()) {
            try {
                for (LakeTable t : LakeTable.values()) {
                    Table table = catalog.tableOrNull(t);
                    if (table == null) {
                        continue;
                    }
                    ObjectNode n = tables.putObject(t.tableName());
                    int expired = SnapshotExpiry.expire(table, start, retainLast);
                    Compaction.Result c = Compaction.compact(table);
                    List<String> orphans = OrphanFiles.remove(table, start.toEpochMilli());
                    table.refresh();
                    n.put("snapshots_expirados", expired);
                    n.put("meses_compactados", c.months());
                    n.put("arquivos_compactados", c.filesBefore());
                    n.put("arquivos_gerados", c.filesAfter());
                    n.put("orfaos_removidos", orphans.size());
                    n.put("snapshot_atual", table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId());
                    Stages.log().info("maintain {}: {} snapshots expirados, {} arquivos em {} meses compactados em {},"
                            + " {} órfãos removidos", t.tableName(), expired, c.filesBefore(), c.months(),
                            c.filesAfter(), orphans.size());
                }
                report.succeed();
            } catch (Exception e) {
                report.fail(e);
                throw e;
            } finally {
                ReportWriter.write(lake, report);
            }
        }
        return report;
    }
}
