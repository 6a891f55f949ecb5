package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedInput;
import br.com.podcartoes.lake.curated.TableCounts;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.ingest.SplitPlan;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final YearMonth JAN = YearMonth.of(2024, 1);

    @Test
    void rowsReadMustEqualTheFilesDataLines() throws Exception {
        // Self-consistent counts (3 = 2 + 1 + 0), but the file has 5 data lines: two were swallowed.
        var counts = Map.of(JAN, Map.of(TableContract.FATURAS, TableCounts.of(3, 2, 0, Map.of("TIPO_INVALIDO", 1L))));
        CuratedInput file = new CuratedInput(TableContract.FATURAS, new Path("/raw/tb_faturas_202401.csv"),
                "tb_faturas_202401.csv", RowSelection.monthly(JAN), 5, null, SplitPlan.whole(500));
        String message = assertThrows(ReconciliationException.class,
                () -> CommandJob.reconcile(counts, List.of(file))).getMessage();
        assertTrue(message.contains("tb_faturas_202401.csv: lidas=3 mas o arquivo tem 5 linhas de dados"), message);
        assertTrue(CommandJob.reconcile(counts, List.of(new CuratedInput(TableContract.FATURAS, file.file(),
                file.fileName(), file.selection(), 3, null, file.plan()))).startsWith("linhas do arquivo = lidas"));
    }
}
