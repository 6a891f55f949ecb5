package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.IcebergLake;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job reads the lake's stored months with Flink's vectorized Parquet reader over the snapshot's data
 * files, which knows nothing of Iceberg's row-level deletes. Another engine may write them (Athena's
 * DELETE and MERGE on an Iceberg table write position deletes): a row deleted that way must stay deleted
 * for the pipeline. Here one invoice of 2023-01 is deleted with Iceberg's own API, as such an engine
 * would; the 2023-02 payments of that invoice must then be quarantined as FATURA_INEXISTENTE and every
 * other payment curated. Read over the bare data files, the invoice would still exist and they would be
 * curated.
 */
class RowDeletesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    @TempDir
    static Path dir;

    @Test
    void anInvoiceDeletedByAnotherEngineNoLongerExistsForTheNextMonthsPayments() throws Exception {
        Path landing = dir.resolve("landing");
        Path lake = dir.resolve("lake");
        new SampleDataGenerator(200, 7, 0.0, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 2), landing);
        run(lake, landing, "2023-01");

        String payments = "read_csv('" + landing.resolve("tb_pagamentos_202302.csv") + "', all_varchar = true)";
        String invoice;
        List<String> itsPayments;
        long allPayments;
        try (IcebergLake iceberg = new IcebergLake(lake); DuckDb db = new DuckDb()) {
            String january = iceberg.duckDbRelation("tb_faturas");
            // The invoice of 2023-01 with the most payments in the 2023-02 delivery.
            invoice = db.lines("SELECT p.id_fatura FROM " + payments + " p JOIN " + january
                    + " f ON f.id_fatura = p.id_fatura GROUP BY p.id_fatura ORDER BY COUNT(*) DESC, p.id_fatura LIMIT 1")
                    .get(0);
            itsPayments = db.lines("SELECT id_pagamento FROM " + payments + " WHERE id_fatura = '" + invoice
                    + "' ORDER BY 1");
            allPayments = db.count("SELECT COUNT(*) FROM " + payments);
            deleteRow(iceberg.table("tb_faturas"), invoice, db);
        }
        assertFalse(itsPayments.isEmpty());
        try (IcebergLake iceberg = new IcebergLake(lake);
                CloseableIterable<Record> rows = IcebergGenerics.read(iceberg.table("tb_faturas")).build()) {
            List<String> ids = new ArrayList<>();
            rows.forEach(r -> ids.add((String) r.getField("id_fatura")));
            assertFalse(ids.contains(invoice), "Iceberg's own reader no longer sees " + invoice);
            assertEquals(200 - 1, ids.size());
        }

        run(lake, landing, "2023-02");

        try (DuckDb db = new DuckDb()) {
            String quarantine = DuckDb.table(lake, "quarantine/tb_pagamentos");
            assertEquals(itsPayments.stream().map(p -> p + "|FATURA_INEXISTENTE").toList(),
                    db.lines("SELECT split_part(registro, ',', 1), motivo FROM " + quarantine + " ORDER BY 1"),
                    "the payments of the deleted invoice, and only they");
            assertEquals(allPayments - itsPayments.size(), db.count("SELECT COUNT(*) FROM "
                    + DuckDb.table(lake, "curated/tb_pagamentos") + " WHERE mes = 2"));
        }
    }

    static void run(Path lake, Path landing, String month) throws Exception {
        Console.Result r = Console.run("run", "--month", month, "--landing", landing.toString(), "--lake",
                lake.toString(), "--detect-attempts", "1", "--max-quarantine-pct", "100");
        assertEquals(0, r.code(), month + ": " + r.err());
    }

    /** A position delete of the invoice's row, committed as a row delta: what merge-on-read engines write. */
    static void deleteRow(Table table, String invoice, DuckDb db) throws Exception {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        }
        for (DataFile file : files) {
            String path = file.location().replaceFirst("^file:", "");
            List<Map<String, Object>> hit = db.rows("SELECT file_row_number FROM read_parquet('" + path
                    + "', file_row_number = true) WHERE id_fatura = '" + invoice + "'");
            if (hit.isEmpty()) {
                continue;
            }
            long position = ((Number) hit.get(0).get("file_row_number")).longValue();
            PositionDeleteWriter<Record> writer = Parquet.writeDeletes(table.io().newOutputFile(
                            table.locationProvider().newDataLocation(table.spec(), file.partition(), "delete-" + invoice + ".parquet")))
                    .withSpec(table.spec()).withPartition(file.partition()).overwrite()
                    .buildPositionWriter();
            try (writer) {
                writer.write(PositionDelete.<Record>create().set(file.location(), position, null));
            }
            DeleteFile deletes = writer.toDeleteFile();
            table.newRowDelta().addDeletes(deletes).commit();
            assertEquals(1, deletes.recordCount(), "one position deleted");
            return;
        }
        throw new AssertionError("no data file has " + invoice);
    }
}
