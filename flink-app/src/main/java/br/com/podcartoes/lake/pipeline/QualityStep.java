package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.quality.Alert;
import br.com.podcartoes.lake.quality.MetricsTable;
import br.com.podcartoes.lake.quality.WindowFill;
import br.com.podcartoes.lake.report.QualityPage;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.storage.Partitions;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * After the job: each report's month gets its drift (PSI per book column, from the metrics the job wrote
 * to {@code _metrics/}) and its alerts, which are logged; they never fail the run. A column whose window is
 * still filling ({@link WindowFill}) keeps its PSI in the report but raises no alert.
 */
final class QualityStep {
    private QualityStep() {}

    static String record(LakeLayout lake, Map<YearMonth, RunReport> reports,
            Map<YearMonth, Map<TableContract, TableCounts>> counts, double alertQuarantinePct) throws IOException {
        int alertCount = 0;
        int columns = 0;
        int filling = 0;
        Set<YearMonth> held = new TreeSet<>(Partitions.existingMonths(lake, LakeTable.curated(TableContract.FATURAS)));
        for (var e : new TreeMap<>(reports).entrySet()) {
            YearMonth month = e.getKey();
            Map<String, TableCounts> byTable = new TreeMap<>();
            counts.getOrDefault(month, Map.of()).forEach((t, c) -> byTable.put(t.tableName(), c));
            if (counts.containsKey(month)) {
                // An empty static overwrite keeps last run's samples: a month with no quarantine clears them.
                long quarantined = byTable.values().stream().mapToLong(TableCounts::quarentena).sum();
                Partitions.clearIfEmpty(MetricsTable.partition(lake, MetricsTable.SAMPLES, month), quarantined);
            }
            Map<String, Double> drift = QualityPage.drift(MetricsTable.read(lake, MetricsTable.BOOK, month));
            Map<String, WindowFill.Incomplete> incomplete = new WindowFill(month, held).incompleteColumns();
            Map<String, Double> comparable = new TreeMap<>(drift);
            comparable.keySet().removeAll(incomplete.keySet());
            List<Alert> alerts = new ArrayList<>(Alert.drift(comparable));
            alerts.addAll(Alert.quarantine(byTable, alertQuarantinePct));
            e.getValue().quality(drift, incomplete, alerts);
            for (Alert a : alerts) {
                Stages.log().warn("[{}] ALERTA {}", month, a.message());
            }
            alertCount += alerts.size();
            columns += drift.size();
            filling += drift.size() - comparable.size();
        }
        return "PSI de " + columns + " colunas do book" + (filling == 0 ? "" : " (" + filling
                + " com janela incompleta, sem alerta de drift)") + "; " + (alertCount == 0 ? "nenhum alerta"
                : alertCount + (alertCount == 1 ? " alerta" : " alertas") + " (não falham a execução)");
    }
}
