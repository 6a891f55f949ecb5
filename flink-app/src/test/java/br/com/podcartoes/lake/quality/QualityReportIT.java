package br.com.podcartoes.lake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.cli.Main;
import br.com.podcartoes.lake.sample.Planted;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import br.com.podcartoes.lake.testing.DuckDb;
import br.com.podcartoes.lake.testing.FlinkCluster;
import br.com.podcartoes.lake.testing.HistoryFiles;
import br.com.podcartoes.lake.testing.Reports;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality report as people see it. Thirteen months of generated history are loaded in one job (its
 * last month, 2024-01, is an unchanged month with full windows: no drift alert), then 2024-02 arrives
 * with invoices three times larger (a planted shift: "significativa" on the value columns) through
 * {@code run}. The page of 2024-02 is opened in headless Chromium (screenshot, no script errors, charts
 * drawn), and its numbers and the report's {@code book.drift} are checked against DuckDB over the Parquet
 * and a PSI worked out here from the definition.
 */
class QualityReportIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final YearMonth FROM = YearMonth.of(2023, 1);
    static final YearMonth STABLE = YearMonth.of(2024, 1);
    static final YearMonth SHIFTED = YearMonth.of(2024, 2);
    static final int CLIENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void unchangedMonthIsQuietAPlantedShiftAlertsAndThePageShowsTheLakesNumbers() throws Exception {
        Path landing = dir.resolve("landing");
        Path lake = dir.resolve("lake");
        List<Planted> planted = new SampleDataGenerator(CLIENTS, 5, 0.005, 0.1).write(FROM, SHIFTED, landing);
        new SampleDataGenerator(CLIENTS, 5, 0.005, 0.1, 3.0).write(FROM, SHIFTED, dir.resolve("larger"));
        Files.copy(dir.resolve("larger/tb_faturas_202402.csv"), landing.resolve("tb_faturas_202402.csv"),
                StandardCopyOption.REPLACE_EXISTING);

        Set<String> divergent = HistoryFiles.monthlyOnly(planted);
        Path faturas = HistoryFiles.concatenate(landing, "tb_faturas", FROM, STABLE, divergent, dir.resolve("history"));
        Path pagamentos = HistoryFiles.concatenate(landing, "tb_pagamentos", FROM, STABLE, divergent, dir.resolve("history"));
        assertEquals(0, Main.execute("load-history", "--faturas", faturas.toString(), "--pagamentos",
                pagamentos.toString(), "--lake", lake.toString()));

        JsonNode stable = Reports.latest(lake, STABLE.toString());
        assertEquals(32, stable.path("book").path("drift").size(), "PSI of every book column: " + stable);
        // Unchanged data, but not an unchanged calendar: every generated invoice is due on the 10th, so the
        // largest delay of an unpaid invoice is a few point masses (D − the 10th of an earlier month) that
        // move by a day with the lengths of the months in the window (Dec 10 → Jan 31 is 52 days, Nov 10 →
        // Dec 31 is 51), shifting whole deciles. U1M is not affected (December and January both have 31 days).
        Set<String> calendar = Set.of("dias_atraso_max_u3m", "dias_atraso_max_u6m", "dias_atraso_max_u12m");
        stable.path("alertas").forEach(a -> assertTrue(calendar.contains(a.path("alvo").asText()),
                "an unchanged month raises no other alert: " + a));
        stable.path("book").path("drift").fields().forEachRemaining(e -> assertTrue(
                calendar.contains(e.getKey()) || e.getValue().asDouble() < 0.10, e.getKey() + " " + e.getValue()));

        assertEquals(0, Main.execute("run", "--month", SHIFTED.toString(), "--landing", landing.toString(), "--lake",
                lake.toString(), "--alert-quarantine-pct", "0.01"));
        JsonNode shifted = Reports.latest(lake, SHIFTED.toString());
        assertEquals("SUCESSO", shifted.path("resultado").asText(), "alerts do not fail the run");
        Map<String, String> alerts = new LinkedHashMap<>();
        shifted.path("alertas").forEach(a -> alerts.put(a.path("alvo").asText(), a.path("nivel").asText()));
        for (String column : List.of("vl_fatura_total_u1m", "vl_fatura_medio_u1m", "vl_fatura_total_u3m",
                "vl_fatura_medio_u3m")) {
            assertEquals("significativa", alerts.get(column), column + " in " + alerts);
        }
        assertEquals("acima_do_limite", alerts.get("tb_faturas"), "quarantine above 0.01%: " + alerts);
        assertFalse(alerts.containsKey("qtd_faturas_u1m"), "the count of invoices did not move: " + alerts);

        try (DuckDb db = new DuckDb()) {
            String book = DuckDb.table(lake, "refined/book_fatura");
            // book.drift against the definition, from both months' values read by DuckDB.
            JsonNode drift = shifted.path("book").path("drift");
            for (Window w : Window.values()) {
                for (BookVariable v : BookVariable.ALL) {
                    String c = v.column(w);
                    double expected = psi(db, book, c, SHIFTED.minusMonths(1), SHIFTED, lake);
                    assertEquals(expected, drift.path(c).asDouble(), 1e-9, "PSI of " + c);
                }
            }
            checkPage(db, lake, book);
        }

        // report regenerates the same page from the lake, with no job.
        Path out = dir.resolve("regenerated.html");
        assertEquals(0, Main.execute("report", "--month", SHIFTED.toString(), "--lake", lake.toString(), "--out",
                out.toString()));
        assertEquals(Files.readString(page(lake)), Files.readString(out));
    }

    private void checkPage(DuckDb db, Path lake, String book) throws Exception {
        Path page = page(lake);
        String html = Files.readString(page);
        assertFalse(html.contains("http://") && html.contains("<script src"), "self-contained");
        assertFalse(html.contains("<link"), "no external resources");

        // The statistics of every book column, as DuckDB computes them from the Parquet.
        Map<String, List<Double>> shown = metricRows(html);
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                String c = v.column(w);
                Map<String, Object> r = db.rows("SELECT count(*) AS n, count(*) - count(" + c + ") AS nulos, min(" + c
                        + ")::DOUBLE AS mn, quantile_cont(" + c + "::DOUBLE, [0.25, 0.5, 0.75]) AS q, max(" + c
                        + ")::DOUBLE AS mx, avg(" + c + "::DOUBLE) AS media FROM " + book + where(SHIFTED)).get(0);
                List<Double> s = shown.get(c);
                assertNotNull(s, "row of " + c);
                assertEquals(((Number) r.get("n")).doubleValue(), s.get(0), c + " linhas");
                assertEquals(((Number) r.get("nulos")).doubleValue(), s.get(1), c + " nulos");
                Object[] q = (Object[]) ((java.sql.Array) r.get("q")).getArray();
                double[] expected = {((Number) r.get("mn")).doubleValue(), ((Number) q[0]).doubleValue(),
                        ((Number) q[1]).doubleValue(), ((Number) q[2]).doubleValue(), ((Number) r.get("mx")).doubleValue(),
                        ((Number) r.get("media")).doubleValue()};
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], s.get(2 + i), 1e-6 * Math.max(1, Math.abs(expected[i])), c + " stat " + i);
                }
                List<Long> histogram = histogram(html, c);
                assertEquals(histogram(db, book, c, expected[0], expected[4]), histogram, c + " histograma");
            }
        }
        // Reconciliation: curated and quarantined rows of the month in the lake.
        for (String t : List.of("tb_faturas", "tb_pagamentos")) {
            Matcher m = Pattern.compile("<tr data-tabela=\"" + t + "\"><td>[^<]*</td>((?:<td class=\"n\" data-valor=\"[^\"]*\">[^<]*</td>){5})")
                    .matcher(html);
            assertTrue(m.find(), "reconciliation row of " + t);
            List<Double> v = values(m.group(1));
            long curated = db.count("SELECT count(*) FROM " + DuckDb.table(lake, "curated/" + t) + where(SHIFTED));
            long quarantined = db.count("SELECT count(*) FROM " + DuckDb.table(lake, "quarantine/" + t) + where(SHIFTED));
            assertEquals(curated, v.get(1).longValue(), t + " curadas");
            assertEquals(quarantined, v.get(2).longValue(), t + " quarentena");
            assertEquals(v.get(0).longValue(), v.get(1).longValue() + v.get(2).longValue() + v.get(3).longValue(), t);
        }
        assertTrue(html.contains("class=\"nivel significativa\""), "the alert level is coloured");

        // In a real browser: loads with no script error, every chart drew something; a screenshot.
        Path png = Path.of("target", "quality-page.png").toAbsolutePath();
        String dom = chromium("--dump-dom", page);
        Matcher body = Pattern.compile("<body data-graficos=\"(\\d+)\" data-graficos-vazios=\"(\\d+)\" data-erros=\"([^\"]*)\"")
                .matcher(dom);
        assertTrue(body.find(), "the page's self-check ran: " + dom.substring(0, Math.min(300, dom.length())));
        assertEquals("", body.group(3), "script errors");
        assertTrue(Integer.parseInt(body.group(1)) >= 3 + 1 + 32 + 5, "charts: " + body.group(1));
        assertEquals("0", body.group(2), "empty charts");
        chromium("--screenshot=" + png, page);
        assertTrue(Files.size(png) > 50_000, "screenshot " + png);
    }

    private static Path page(Path lake) throws Exception {
        JsonNode r = Reports.latest(lake, SHIFTED.toString());
        return lake.resolve("_runs").resolve(SHIFTED.toString()).resolve(r.path("run_id").asText() + ".html");
    }

    /**
     * PSI of M against M−1 from the definition: deciles of M−1, equal edges merged, NULL its own bin. The
     * deciles are the ones M−1's metrics stored, checked here against DuckDB's to 1e-9: an interpolated
     * decile between two equal values may differ from DuckDB's in the last bit, and a value sitting exactly
     * on it would change bins; the rest (bins, shares, the sum) is worked out here over DuckDB's reads.
     */
    static double psi(DuckDb db, String book, String column, YearMonth previous, YearMonth month, Path lake)
            throws Exception {
        Object[] q = (Object[]) ((java.sql.Array) db.rows("SELECT quantile_cont(" + column
                + "::DOUBLE, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS q FROM " + book + where(previous)).get(0)
                .get("q")).getArray();
        List<Map<String, Object>> stored = db.rows("SELECT decis FROM read_json('" + lake.resolve("_metrics/book_fatura")
                + "/*/*/*', hive_partitioning = true) WHERE coluna = '" + column + "' AND ano = " + previous.getYear()
                + " AND mes = " + previous.getMonthValue());
        assertEquals(1, stored.size(), column + " metrics of " + previous);
        Object[] s = (Object[]) ((java.sql.Array) stored.get(0).get("decis")).getArray();
        for (int i = 0; i < q.length; i++) {
            double expected = ((Number) q[i]).doubleValue();
            assertEquals(expected, ((Number) s[i]).doubleValue(), 1e-9 * Math.max(1, Math.abs(expected)), column + " decil " + i);
        }
        double[] edges = Arrays.stream(s).mapToDouble(x -> ((Number) x).doubleValue()).distinct().sorted().toArray();
        Map<Integer, Long> e = bins(db, book, column, previous, edges);
        Map<Integer, Long> a = bins(db, book, column, month, edges);
        long eTotal = e.values().stream().mapToLong(Long::longValue).sum();
        long aTotal = a.values().stream().mapToLong(Long::longValue).sum();
        Set<Integer> all = new HashSet<>(e.keySet());
        all.addAll(a.keySet());
        double psi = 0;
        for (int bin : all) {
            double ea = e.getOrDefault(bin, 0L) == 0 ? 0.0001 : (double) e.get(bin) / eTotal;
            double aa = a.getOrDefault(bin, 0L) == 0 ? 0.0001 : (double) a.get(bin) / aTotal;
            psi += (aa - ea) * Math.log(aa / ea);
        }
        return psi;
    }

    private static Map<Integer, Long> bins(DuckDb db, String book, String column, YearMonth m, double[] edges)
            throws Exception {
        Map<Integer, Long> out = new java.util.HashMap<>();
        for (Map<String, Object> r : db.rows("SELECT " + column + "::DOUBLE AS v FROM " + book + where(m))) {
            Object v = r.get("v");
            int bin = -1;
            if (v != null) {
                double x = ((Number) v).doubleValue();
                bin = (int) Arrays.stream(edges).filter(edge -> edge < x).count();
            }
            out.merge(bin, 1L, Long::sum);
        }
        return out;
    }

    private static List<Long> histogram(DuckDb db, String book, String column, double min, double max) throws Exception {
        Long[] counts = new Long[10];
        Arrays.fill(counts, 0L);
        for (Map<String, Object> r : db.rows("SELECT " + column + "::DOUBLE AS v FROM " + book + where(SHIFTED)
                + " AND " + column + " IS NOT NULL")) {
            double x = ((Number) r.get("v")).doubleValue();
            int bin = max == min ? 0 : Math.min(9, (int) Math.floor((x - min) / (max - min) * 10));
            counts[bin]++;
        }
        return List.of(counts);
    }

    private static String where(YearMonth m) {
        return " WHERE ano = " + m.getYear() + " AND mes = " + m.getMonthValue();
    }

    /** Column → [linhas, nulos, mínimo, p25, mediana, p75, máximo, média] as the page shows them. */
    private static Map<String, List<Double>> metricRows(String html) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<tr class=\"metrica\" data-coluna=\"([^\"]+)\">(.*?)<td data-histograma").matcher(html);
        while (m.find()) {
            out.put(m.group(1), values(m.group(2)));
        }
        return out;
    }

    private static List<Long> histogram(String html, String column) {
        Matcher m = Pattern.compile("data-coluna=\"" + column + "\">.*?<td data-histograma=\"\\[([^\\]]*)\\]\"").matcher(html);
        assertTrue(m.find(), "histogram of " + column);
        return Arrays.stream(m.group(1).split(",\\s*")).map(Long::parseLong).toList();
    }

    private static List<Double> values(String cells) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("data-valor=\"([^\"]+)\"").matcher(cells);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    /** Headless Chromium (the Debian package), as a person's browser would open the file. */
    static String chromium(String action, Path page) throws Exception {
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--window-size=1400,5200", action, page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium " + action);
        return out;
    }
}
