package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.LakeState;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import java.util.ArrayList;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three months, then a re-delivery of month 2 inside the retention window (the window starts between the
 * two): maintain keeps every row, compacts each month into one file, expires what was never current in
 * the window, deletes old orphans only; the re-delivery can still be rolled back, the runs before the
 * window cannot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintainIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final String REDELIVERY = "reentrega-2023-02";
    static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(60));

    @TempDir
    static Path dir;

    static Path lake;
    static Map<String, List<String>> beforeRedelivery;
    static Instant windowStart;

    @BeforeAll
    static void runThreeMonthsThenRedeliverTheSecond() throws Exception {
        Path landing = dir.resolve("landing");
        Path wrong = dir.resolve("wrong");
        lake = dir.resolve("lake");
        new SampleDataGenerator(150, 5, 0.02, 0.1).write(YearMonth.of(2023, 1), YearMonth.of(2023, 3), landing);
        new SampleDataGenerator(150, 5, 0.02, 0.1, 1.5).write(YearMonth.of(2023, 1), YearMonth.of(2023, 3), wrong);
        for (String m : List.of("2023-01", "2023-02", "2023-03")) {
            RollbackIT.run(lake, m, landing, "run-" + m);
        }
        beforeRedelivery = LakeState.rows(lake);
        Thread.sleep(50);
        windowStart = Instant.now();
        Thread.sleep(50);
        RollbackIT.run(lake, "2023-02", wrong, REDELIVERY);
    }

    @Test
    @Order(1)
    void maintainKeepsEveryRowCompactsExpiresWhatIsOlderThanTheWindowAndRemovesOldOrphansOnly() throws Exception {
        Map<String, List<String>> rows = LakeState.rows(lake);
        Map<String, Long> snapshots = LakeState.snapshots(lake);
        splitInTwo("tb_faturas", "2023", "01");
        splitInTwo("book_fatura", "2023", "03");
        assertEquals(2, filesPerMonth("tb_faturas").get("ano=2023/mes=01"));
        assertEquals(rows, LakeState.rows(lake), "the same rows in two files");
        snapshots = LakeState.snapshots(lake);
        long beforeWindow = snapshotOf("run-2023-02", "tb_faturas", "depois");
        long atWindowStart = snapshotOf(REDELIVERY, "tb_faturas", "antes");
        Path data = lake.resolve("curated/tb_faturas/data/ano=2023/mes=01");
        Path someFile;
        try (Stream<Path> files = Files.list(data)) {
            someFile = files.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        Path oldOrphan = Files.copy(someFile, data.resolve("00009-0-orfa-antiga.parquet"));
        Files.setLastModifiedTime(oldOrphan, FileTime.from(LONG_AGO));
        Path freshOrphan = Files.copy(someFile, data.resolve("00009-0-orfa-nova.parquet"));
        Path outside = Files.createDirectories(lake.resolve("curated/tb_faturas/ano=2023/mes=01")).resolve("part-0");
        Files.writeString(outside, "arquivo de antes do Iceberg");
        Files.setLastModifiedTime(outside, FileTime.from(LONG_AGO));

        double days = Duration.between(windowStart, Instant.now()).toMillis() / (double) Duration.ofDays(1).toMillis();
        Console.Result r = Console.run("maintain", "--older-than", String.valueOf(days), "--lake", lake.toString());
        assertEquals(0, r.code(), r.err());

        assertEquals(rows, LakeState.rows(lake), "the same rows in every table");
        for (String table : List.of("tb_faturas", "tb_pagamentos", "book_fatura", "estado_fatura")) {
            assertTrue(filesPerMonth(table).values().stream().allMatch(n -> n == 1), table + " compacted: "
                    + filesPerMonth(table));
        }
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            Table t = iceberg.table("tb_faturas");
            assertEquals("replace", t.currentSnapshot().operation(), "the compaction's commit");
            assertEquals(snapshots.get("tb_faturas"), t.currentSnapshot().parentId(), "one commit on top");
            assertNotNull(t.snapshot(atWindowStart), "current at the window's start: kept");
            assertNull(t.snapshot(beforeWindow), "never current inside the window: expired");
            Set<String> referenced = new HashSet<>();
            for (Snapshot s : t.snapshots()) {
                try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(s.snapshotId()).planFiles()) {
                    tasks.forEach(task -> referenced.add(Path.of(task.file().location().replaceFirst("^file:", ""))
                            .toString()));
                }
            }
            try (Stream<Path> files = Files.walk(lake.resolve("curated/tb_faturas/data"))) {
                Set<String> onDisk = new HashSet<>(files.filter(Files::isRegularFile).filter(p -> !p.getFileName()
                        .toString().startsWith(".")).map(Path::toString).toList());
                onDisk.remove(freshOrphan.toString());
                assertEquals(referenced, onDisk, "every data file left is read by a snapshot kept (or is too young)");
            }
        }
        assertFalse(Files.exists(oldOrphan), "an orphan older than the window is deleted");
        assertTrue(Files.exists(freshOrphan), "a younger one may be a run's file about to be committed: kept");
        assertTrue(Files.exists(outside), "only data/ and metadata/ are Iceberg's");
        JsonNode report = Reports.all(lake, "maintain").get(0);
        assertEquals("SUCESSO", report.path("resultado").asText());
        assertEquals(1, report.path("tabelas").path("tb_faturas").path("orfaos_removidos").asInt());
    }

    @Test
    @Order(2)
    void aRunInsideTheWindowIsStillRolledBackAndTheStateAtItsStartExported() throws Exception {
        Console.Result r = Console.run("rollback", "--run-id", REDELIVERY, "--lake", lake.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(beforeRedelivery, LakeState.rows(lake));
        Path csv = dir.resolve("antes.csv");
        assertEquals(0, Console.run("export", "--table", "book_fatura", "--month", "2023-03", "--as-of",
                windowStart.toString(), "--out", csv.toString(), "--lake", lake.toString()).code());
        assertEquals(LakeState.month(beforeRedelivery.get("refined/book_fatura"), 2023, 3), RollbackIT.csvRows(csv));
    }

    @Test
    @Order(3)
    void aRunBeforeTheWindowCanNoLongerBeRolledBack() throws Exception {
        Console.Result r = Console.run("rollback", "--run-id", "run-2023-02", "--cascade", "--lake", lake.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("expirou") && r.err().contains("janela de retenção"), r.err());
    }

    private static long snapshotOf(String runId, String table, String which) throws Exception {
        for (String month : List.of("2023-01", "2023-02", "2023-03")) {
            for (JsonNode r : Reports.all(lake, month)) {
                if (r.path("run_id").asText().equals(runId)) {
                    return r.path("snapshots").path(table).path(which).asLong();
                }
            }
        }
        throw new AssertionError("no report of " + runId);
    }

    /**
     * Rewrites a month's one file as two files of half the rows each (the same rows, a {@code replace}
     * commit): a month as a write by several tasks leaves it.
     */
    private static void splitInTwo(String table, String ano, String mes) throws Exception {
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            Table t = iceberg.table(table);
            Expression month = Expressions.and(Expressions.equal("ano", ano), Expressions.equal("mes", mes));
            List<DataFile> old = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = t.newScan().filter(month).planFiles()) {
                tasks.forEach(task -> old.add(task.file()));
            }
            assertEquals(1, old.size(), table + " " + ano + "-" + mes + " is one file");
            List<Record> rows = new ArrayList<>();
            try (CloseableIterable<Record> records = IcebergGenerics.read(t).where(month).build()) {
                records.forEach(r -> rows.add(r.copy()));
            }
            assertTrue(rows.size() >= 2, table + " has rows to split");
            GenericAppenderFactory writers = new GenericAppenderFactory(t.schema(), t.spec());
            OutputFileFactory files = OutputFileFactory.builderFor(t, 1, 1).format(FileFormat.PARQUET).build();
            StructLike partition = old.get(0).partition();
            Set<DataFile> halves = new HashSet<>();
            for (List<Record> half : List.of(rows.subList(0, rows.size() / 2), rows.subList(rows.size() / 2, rows.size()))) {
                DataWriter<Record> w = writers.newDataWriter(files.newOutputFile(t.spec(), partition), FileFormat.PARQUET,
                        partition);
                try (w) {
                    half.forEach(w::write);
                }
                halves.add(w.toDataFile());
            }
            t.newRewrite().rewriteFiles(Set.of(old.get(0)), halves).commit();
        }
    }

    /** Month → data files of the table's current snapshot. */
    private static Map<String, Integer> filesPerMonth(String table) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            for (String f : iceberg.currentFiles(table)) {
                String month = f.replaceAll(".*/(ano=\\d+/mes=\\d+)/.*", "$1");
                out.merge(month, 1, Integer::sum);
            }
        }
        return out;
    }
}
