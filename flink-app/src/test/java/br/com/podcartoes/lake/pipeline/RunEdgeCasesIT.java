package br.com.podcartoes.lake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.testing.Console;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.IcebergLake;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** File-level failures, header-only files, re-deliveries and the empty-overwrite trap, end to end. */
class RunEdgeCasesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(1);

    static final String F_HEADER = "id_fatura,id_cliente,data_emissao,data_vencimento,valor_fatura,valor_pagamento_minimo\n";
    static final String P_HEADER = "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento\n";

    @TempDir
    Path dir;
    Path landing;
    Path lake;

    @BeforeEach
    void dirs() throws Exception {
        landing = Files.createDirectories(dir.resolve("landing"));
        lake = dir.resolve("lake");
    }

    private Console.Result run(String month, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--month", month, "--landing", landing.toString(),
                "--lake", lake.toString(), "--detect-attempts", "1",
                // A part per line or so: BOM, CRLF, blank lines and the header cross part boundaries.
                "--split-size", "40"));
        args.addAll(List.of(more));
        return Console.run(args.toArray(new String[0]));
    }

    /** These tests plant a bad row in a handful: far over the 10% gate, which is not what they test. */
    private Console.Result runUngated(String month) throws Exception {
        return run(month, "--max-quarantine-pct", "100");
    }

    private void assertNoWorkFolder() throws Exception {
        try (Stream<Path> all = Files.walk(lake.resolve("_runs"))) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().equals("_work")).toList(),
                    "no _runs/YYYY-MM/_work left after a run");
        }
    }

    private void deliver(String name, String content) throws Exception {
        Files.writeString(landing.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void wrongHeaderFailsBeforeWritingAnything() throws Exception {
        deliver("tb_faturas_202401.csv", F_HEADER.replace("valor_fatura", "valor") + "1-1,1,2024-01-01,2024-01-10,1,0\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER);
        Console.Result r = run("2024-01");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("tb_faturas_202401.csv") && r.err().contains("linha 1")
                && r.err().contains("[valor_fatura]") && r.err().contains("[valor]"), r.err());
        assertFalse(Files.exists(lake.resolve("curated")), "nothing curated");
        assertFalse(Files.exists(lake.resolve("raw")), "nothing copied to raw");
        JsonNode report = Reports.latest(lake, "2024-01");
        assertEquals("FALHA", report.path("resultado").asText());
        assertEquals("contrato", report.path("etapa_falha").asText());
        assertEquals(0, report.path("jobs_flink").size(), "failed before its Flink job: no job id");
    }

    @Test
    void emptyFileFailsNamingIt() throws Exception {
        deliver("tb_faturas_202401.csv", F_HEADER);
        deliver("tb_pagamentos_202401.csv", "");
        Console.Result r = run("2024-01");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("tb_pagamentos_202401.csv: arquivo vazio"), r.err());
    }

    @Test
    void headerOnlyFilesAreAValidEmptyMonth() throws Exception {
        deliver("tb_faturas_202401.csv", "\uFEFF" + F_HEADER.replace("\n", "\r\n"));
        deliver("tb_pagamentos_202401.csv", P_HEADER.trim());
        Console.Result r = run("2024-01");
        assertEquals(0, r.code(), r.err());
        JsonNode t = Reports.latest(lake, "2024-01").path("tabelas").path("tb_faturas");
        assertEquals(0, t.path("lidas").asLong());
        assertEquals(0, t.path("curadas").asLong());
        assertFalse(IcebergLake.months(lake, "curated/tb_faturas").contains("2024-01"), "no empty partition left");
        assertNoWorkFolder();
    }

    @Test
    void aStrayQuoteQuarantinesItsOwnLineOnlyAndEveryLineIsReconciled() throws Exception {
        // Line 3 opens a quote it never closes: before, lines 3..5 became one record and lidas was 3 of 5.
        deliver("tb_faturas_202401.csv", F_HEADER + "1-1,1,2024-01-01,2024-01-10,100.00,30.00\n"
                + "2-1,\"2,2024-01-01,2024-01-10,100.00,30.00\n"
                + "\n" // blank: not a record
                + "3-1,3,2024-01-01,2024-01-10,100.00,30.00\n"
                + "4-1,4,2024-01-01,2024-01-10,100.00,30.00\n"
                + "5-1,5,2024-01-01,2024-01-10,100.00,30.00\n"
                + "6-1,6,2024-01-01,2024-01-10,100.00,30.00\n"
                + "7-1,7,2024-01-01,2024-01-10,100.00,30.00\n"
                + "8-1,8,2024-01-01,2024-01-10,100.00,30.00\n"
                + "9-1,9,2024-01-01,2024-01-10,100.00,30.00\n"
                + "10-1,10,2024-01-01,2024-01-10,100.00,30.00\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER);
        System.setProperty("pod.progress.seconds", "0.05");
        Console.Result r;
        try {
            r = run("2024-01");
        } finally {
            System.clearProperty("pod.progress.seconds");
        }
        assertEquals(0, r.code(), r.err());
        JsonNode report = Reports.latest(lake, "2024-01");
        JsonNode t = report.path("tabelas").path("tb_faturas");
        assertEquals(10, t.path("lidas").asLong(), "one physical line, one record");
        assertEquals(9, t.path("curadas").asLong());
        assertEquals(1, t.path("quarentena_por_motivo").path("ASPAS_NAO_FECHADAS").asLong());
        assertEquals(10, report.path("arquivos").get(0).path("linhas_de_dados").asLong(), "counted while stored in raw");
        try (DuckDb db = new DuckDb()) {
            assertEquals(List.of("3|ASPAS_NAO_FECHADAS"), db.lines("SELECT linha, motivo FROM "
                    + DuckDb.table(lake, "quarantine/tb_faturas")));
        }
        assertTrue(r.out().matches("(?s).*progresso: \\d+ de 10 linhas lidas.*"), "progress lines while the job runs: "
                + r.out());
        assertNoWorkFolder();
    }

    @Test
    void aMostlyRejectedMonthFailsTheQualityGateAndKeepsWhatItWrote() throws Exception {
        deliver("tb_faturas_202401.csv", F_HEADER + "1-1,1,2024-01-01,2024-01-10,100.00,30.00\n"
                + "lixo\nlixo,lixo\n2-1,2,2024-01-01,2024-01-10,1.234,30.00\n3-1,3,2024-01-01,2024-01-10,abc,1\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER);
        Console.Result r = run("2024-01");
        assertEquals(1, r.code(), r.err());
        JsonNode report = Reports.latest(lake, "2024-01");
        assertEquals("FALHA", report.path("resultado").asText());
        assertEquals("qualidade", report.path("etapa_falha").asText());
        String erro = report.path("erro").asText();
        assertTrue(erro.contains("2024-01 tb_faturas: 80.0% em quarentena (4 de 5; máximo 10%): NUMERO_DE_CAMPOS=2,"
                + " TIPO_INVALIDO=2"), erro);
        assertTrue(r.err().contains("falhou na etapa qualidade"), r.err());
        assertTrue(report.path("saidas").path("quarentena_tb_faturas").asText().endsWith("ano=2024/mes=01"),
                report.toString());
        assertTrue(IcebergLake.months(lake, "quarantine/tb_faturas").contains("2024-01"), "written data stays to inspect");
        assertTrue(IcebergLake.months(lake, "refined/book_fatura").contains("2024-01"));
        assertNoWorkFolder();
    }

    @Test
    void redeliveryIsKeptBesideTheOldFileAndReplacesTheMonth() throws Exception {
        // First delivery: one bad invoice (negative amount) and a payment of a missing invoice.
        deliver("tb_faturas_202401.csv", F_HEADER + "1-1,1,2024-01-01,2024-01-10,100.00,30.00\n"
                + "2-1,2,2024-01-01,2024-01-10,-5.00,0.00\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER + "PG-9-1,9-1,9,2024-01-05,10.00\n");
        assertEquals(0, runUngated("2024-01").code());
        try (DuckDb db = new DuckDb()) {
            assertEquals(1, db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "quarantine/tb_faturas")));
            assertEquals(1, db.count("SELECT COUNT(*) FROM " + DuckDb.table(lake, "quarantine/tb_pagamentos")));
        }
        // Re-delivery with everything fixed (and quoted, reordered columns): quarantine must end up empty.
        deliver("tb_faturas_202401.csv", "valor_fatura,id_fatura,id_cliente,data_emissao,data_vencimento,valor_pagamento_minimo\n"
                + "\"100.00\",1-1,1,2024-01-01,2024-01-10,30.00\n5.00,2-1,2,2024-01-01,2024-01-10,1.50\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER + "PG-2-1,2-1,2,2024-01-05,1.50\n");
        Console.Result second = run("2024-01");
        assertEquals(0, second.code(), second.err());
        try (Stream<Path> raw = Files.list(lake.resolve("raw/tb_faturas/ano=2024/mes=01"))) {
            List<String> names = raw.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.contains("tb_faturas_202401.csv"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.matches("tb_faturas_202401\\.\\d{8}T\\d{6}Z\\.csv")),
                    names.toString());
        }
        JsonNode report = Reports.latest(lake, "2024-01");
        assertTrue(report.path("arquivos").get(0).path("reentrega").asBoolean());
        try (DuckDb db = new DuckDb()) {
            assertFalse(IcebergLake.months(lake, "quarantine/tb_faturas").contains("2024-01"),
                    "an empty quarantine replaces the old one");
            assertEquals(List.of("1-1|100.00", "2-1|5.00"), db.lines("SELECT id_fatura, valor_fatura FROM "
                    + DuckDb.table(lake, "curated/tb_faturas") + " ORDER BY id_fatura"));
            assertEquals(List.of("tb_faturas_202401.csv"), db.lines("SELECT DISTINCT arquivo FROM "
                    + DuckDb.table(lake, "curated/tb_faturas")).stream().map(s -> s.replaceAll("\\.\\d{8}T\\d{6}Z", ""))
                    .toList(), "lineage names the raw copy processed");
        }
        // The same bytes delivered again reuse the stored copy: still two files in raw.
        assertEquals(0, run("2024-01").code());
        try (Stream<Path> raw = Files.list(lake.resolve("raw/tb_faturas/ano=2024/mes=01"))) {
            assertEquals(2, raw.count());
        }
    }

    @Test
    void paymentReferencesAreCheckedAgainstEarlierMonthsAndTheSameRun() throws Exception {
        deliver("tb_faturas_202401.csv", F_HEADER + "1-1,1,2024-01-01,2024-01-10,100.00,30.00\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER);
        assertEquals(0, run("2024-01").code());
        deliver("tb_faturas_202402.csv", F_HEADER + "1-2,1,2024-02-01,2024-02-10,50.00,15.00\n"
                + "1-1,1,2024-02-01,2024-02-10,100.00,30.00\n" // key of January
                + "3-2,3,2024-02-01,2024-02-10,10.00,3.00\n3-2,3,2024-02-01,2024-02-10,10.00,3.00\n" // exact duplicate
                + "4-2,4,2024-02-01,2024-02-10,10.00,3.00\n4-2,4,2024-02-01,2024-02-10,10.50,3.00\n" // conflict
                + "5-2,5,2024-02-20,2024-02-28,10.00,3.00\n");
        deliver("tb_pagamentos_202402.csv", P_HEADER
                + "PG-1-1,1-1,1,2024-02-03,40.00\n" // January's invoice: accepted
                + "PG-1-2,1-2,1,2024-02-12,5.00\n" // this run's invoice: accepted
                + "PG-7-2,1-2,7,2024-02-12,5.00\n" // wrong client
                + "PG-5-2,5-2,5,2024-02-10,5.00\n" // before emission
                + "PG-8-2,8-2,8,2024-02-10,5.00\n" // unknown invoice
                + "PG-4-2,4-2,4,2024-02-10,5.00\n" // its invoice was quarantined: unknown
                + "PG-1-1,1-1,1,2024-02-03,40.00\n"); // exact duplicate
        assertEquals(0, runUngated("2024-02").code());
        try (DuckDb db = new DuckDb()) {
            assertEquals(List.of("3|CHAVE_JA_EXISTENTE", "6|CHAVE_CONFLITANTE", "7|CHAVE_CONFLITANTE"),
                    db.lines("SELECT linha, motivo FROM " + DuckDb.table(lake, "quarantine/tb_faturas")
                            + " WHERE mes = 2 ORDER BY linha"));
            assertEquals(List.of("4|CLIENTE_DIVERGENTE", "5|PAGAMENTO_ANTES_DA_EMISSAO", "6|FATURA_INEXISTENTE",
                    "7|FATURA_INEXISTENTE"), db.lines("SELECT linha, motivo FROM "
                    + DuckDb.table(lake, "quarantine/tb_pagamentos") + " WHERE mes = 2 ORDER BY linha"));
            assertEquals(List.of("PG-1-1", "PG-1-2"), db.lines("SELECT id_pagamento FROM "
                    + DuckDb.table(lake, "curated/tb_pagamentos") + " ORDER BY 1"));
        }
        JsonNode t = Reports.latest(lake, "2024-02").path("tabelas");
        assertEquals(1, t.path("tb_faturas").path("duplicadas").asLong());
        assertEquals(1, t.path("tb_pagamentos").path("duplicadas").asLong());
        assertEquals(3, t.path("tb_faturas").path("curadas").asLong(), "1-2, 3-2 and 5-2");
    }

    @Test
    void redeliveredPaymentsReachTheLaterBookThroughTheInvoiceStatus() throws Exception {
        // Client 1: one invoice a month (due on the 10th); in February a late payment below the minimum.
        deliver("tb_faturas_202401.csv", F_HEADER + "1-1,1,2024-01-01,2024-01-10,100.00,30.00\n");
        deliver("tb_pagamentos_202401.csv", P_HEADER);
        deliver("tb_faturas_202402.csv", F_HEADER + "1-2,1,2024-02-01,2024-02-10,50.00,15.00\n");
        deliver("tb_pagamentos_202402.csv", P_HEADER + "PG-1-1,1-1,1,2024-02-03,20.00\n");
        deliver("tb_faturas_202403.csv", F_HEADER + "1-3,1,2024-03-01,2024-03-10,10.00,3.00\n");
        deliver("tb_pagamentos_202403.csv", P_HEADER);
        for (String m : List.of("2024-01", "2024-02", "2024-03")) {
            assertEquals(0, run(m).code(), m);
        }
        // March, U3M, worked by hand at D = 2024-03-31: paid 20 of 160; all three matured and below their
        // minimum; none on time; days late 24 (paid 02-03), 50 (open since 02-10), 21 (open since 03-10).
        assertEquals(List.of("3|160.00|12.5|100.0|0.0|31.6667|50"), marchU3m());

        // February re-delivered: 1-1 paid 35.00 (>= minimum, still late) and 1-2 paid on time in full minimum.
        deliver("tb_pagamentos_202402.csv", P_HEADER + "PG-1-1,1-1,1,2024-02-03,35.00\n"
                + "PG-1-2,1-2,1,2024-02-09,15.00\n");
        assertEquals(0, run("2024-02").code());
        assertEquals("2024-03", Reports.latest(lake, "2024-02").path("book").path("meses_reconstruidos").get(0).asText());
        // Now: paid 50 of 160; only 1-3 below its minimum; 1-2 on time; days late 24, 0, 21.
        List<String> expected = List.of("3|160.00|31.25|33.3333|33.3333|15.0|24");
        assertEquals(expected, marchU3m(), "March rebuilt from February's new status");
        // The same book rebuilt from scratch (12 months of curated, no status chain).
        Console.Result backfill = Console.run("backfill", "--from", "2024-03", "--to", "2024-03", "--lake",
                lake.toString());
        assertEquals(0, backfill.code(), backfill.err());
        assertEquals(expected, marchU3m(), "backfill from curated equals the incremental chain");
    }

    private List<String> marchU3m() throws Exception {
        try (DuckDb db = new DuckDb()) {
            return db.lines("SELECT qtd_faturas_u3m, vl_fatura_total_u3m, ROUND(pct_valor_pago_u3m, 4),"
                    + " ROUND(pct_inadimplencia_u3m, 4), ROUND(pct_pagamento_em_dia_u3m, 4),"
                    + " ROUND(dias_atraso_medio_u3m, 4), dias_atraso_max_u3m FROM "
                    + DuckDb.table(lake, "refined/book_fatura") + " WHERE mes = 3 AND id_cliente = 1");
        }
    }
}
