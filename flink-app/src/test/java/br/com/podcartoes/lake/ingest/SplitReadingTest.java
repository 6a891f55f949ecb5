package br.com.podcartoes.lake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.contract.TableContract;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file in parts gives exactly the rows of reading it whole — line numbers, raw text, verdicts —
 * on generated files with random quoting, stray (unclosed) quotes, empty and blank lines, CRLF and LF, a BOM and a last line with
 * or without its newline, cut at random sizes down to a part per line.
 */
class SplitReadingTest {
    static final String HEADER = "id_fatura,id_cliente,data_emissao,data_vencimento,valor_fatura,valor_pagamento_minimo";
    static final List<String> COLUMNS = List.of(HEADER.split(","));

    @TempDir
    java.nio.file.Path dir;

    @Test
    void partsGiveTheRowsOfTheWholeFile() throws Exception {
        Random random = new Random(20261201);
        for (int file = 0; file < 60; file++) {
            java.nio.file.Path csv = dir.resolve("f" + file + ".csv");
            Files.write(csv, generate(random, 1 + random.nextInt(120)));
            Path path = new Path(csv.toUri());
            List<Row> whole = read(path, SplitPlan.whole(Files.size(csv)));
            for (long splitSize : new long[] {1, 7, 16 + random.nextInt(200), 1 + random.nextInt(4000)}) {
                SplitPlan plan = SplitPlan.scan(path, splitSize);
                assertEquals(plan, cutInChunks(Files.readAllBytes(csv), splitSize, random),
                        "the raw copy's pass finds the same cuts, whatever the chunks it reads");
                assertEquals(whole, read(path, plan), "file " + file + " in parts of " + splitSize + " bytes: "
                        + plan.starts());
            }
        }
    }

    @Test
    void cutsFallRightAfterLineBreaksWithTheirLineNumbers() throws Exception {
        java.nio.file.Path csv = dir.resolve("lines.csv");
        Files.writeString(csv, HEADER + "\r\n1-1,1,2024-01-01,2024-01-10,1.00,0.30\n\n2-1,2,2024-01-01,2024-01-10,2,1\n");
        SplitPlan plan = SplitPlan.scan(new Path(csv.toUri()), 1);
        assertEquals(List.of(0L, (long) HEADER.length() + 2, (long) HEADER.length() + 40, (long) HEADER.length() + 41),
                plan.starts());
        assertEquals(List.of(1L, 2L, 3L, 4L), plan.lines());
        assertEquals(1, SplitPlan.scan(new Path(csv.toUri()), Files.size(csv)).parts(), "a small file stays whole");
    }

    /** The plan the raw copy's single pass finds, fed in random chunks as a stream would deliver them. */
    private static SplitPlan cutInChunks(byte[] bytes, long splitSize, Random random) {
        if (bytes.length <= splitSize) {
            return SplitPlan.whole(bytes.length);
        }
        SplitPlan.Cutter cutter = new SplitPlan.Cutter(splitSize);
        for (int off = 0; off < bytes.length; ) {
            int n = Math.min(bytes.length - off, 1 + random.nextInt(64));
            cutter.update(bytes, off, n);
            off += n;
        }
        return cutter.plan();
    }

    private static List<Row> read(Path path, SplitPlan plan) throws Exception {
        ContractCsvFormat format = new ContractCsvFormat(TableContract.FATURAS, path.getName(),
                RowSelection.monthly(YearMonth.of(2024, 1)), COLUMNS, plan);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < plan.parts(); i++) {
            try (FSDataInputStream in = FileSystem.getLocalFileSystem().open(path)) {
                in.seek(plan.starts().get(i));
                StreamFormat.Reader<Row> reader = format.createReader(new Configuration(), in, plan.size(), plan.endOf(i));
                Row row;
                while ((row = reader.read()) != null) {
                    rows.add(row);
                }
                reader.close();
            }
        }
        assertTrue(rows.stream().allMatch(r -> r.getField(1) != null), "every row has its line");
        return rows;
    }

    /**
     * A header and {@code n} random lines: valid rows, garbage, quoted fields (with commas and doubled quotes),
     * quotes never closed, blank lines.
     */
    private static byte[] generate(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) {
            sb.append('\uFEFF');
        }
        sb.append(HEADER);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? "\r\n" : "\n");
            switch (r.nextInt(9)) {
                case 0 -> sb.append("");
                case 1 -> sb.append(" \t ");
                case 2 -> sb.append('"').append(i).append("-1\",").append(i).append(",2024-01-01,2024-01-10,\"1,234.50\",1.00");
                case 3 -> sb.append("\"a \"\"quoted\"\" id\",7,2024-01-02,2024-01-12,10.00,3.00");
                case 4 -> sb.append("garbage,").append(r.nextInt()).append(",x");
                case 5 -> sb.append(i).append("-1,\"1,2024-01-01,2024-01-10,3.00,1.00"); // a quote never closed
                default -> sb.append(i).append("-1,").append(1 + r.nextInt(99)).append(",2024-01-0").append(1 + r.nextInt(9))
                        .append(",2024-01-1").append(r.nextInt(10)).append(',').append(r.nextInt(9000)).append('.')
                        .append(10 + r.nextInt(90)).append(",1.00");
            }
        }
        if (r.nextBoolean()) {
            sb.append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
