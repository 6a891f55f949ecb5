package br.com.podcartoes.lake.report;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.quality.Drift;
import br.com.podcartoes.lake.quality.MetricsTable;
import br.com.podcartoes.lake.quality.MetricsTable.ColumnMetrics;
import br.com.podcartoes.lake.quality.MetricsTable.Sample;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.TableColumn;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The month's quality page, {@code _runs/YYYY-MM/<run_id>.html}: one self-contained HTML file (inline CSS
 * and SVG charts, no network) built from the run report and the {@code _metrics/} of the lake, so that
 * {@code report} can rebuild it later without running anything. Portuguese labels; every number shown
 * also sits in a {@code data-valor} attribute in plain notation, for machines and tests.
 */
public final class QualityPage {
    /** Months of the trend charts, ending at the page's month. */
    public static final int TREND_MONTHS = 13;
    private static final Locale PT = Locale.forLanguageTag("pt-BR");

    private final LakeLayout lake;
    private final YearMonth month;
    private final JsonNode report;
    private final StringBuilder html = new StringBuilder();
    private final Charts charts = new Charts();

    private QualityPage(LakeLayout lake, YearMonth month, JsonNode report) {
        this.lake = lake;
        this.month = month;
        this.report = report;
    }

    /** The page of a run report (its month's metrics are read from the lake). */
    public static String render(LakeLayout lake, JsonNode report) throws IOException {
        YearMonth month = YearMonth.parse(report.path("mes").asText());
        return new QualityPage(lake, month, report).build();
    }

    private String build() throws IOException {
        List<ColumnMetrics> book = ordered(MetricsTable.read(lake, MetricsTable.BOOK, month));
        List<ColumnMetrics> curated = MetricsTable.read(lake, MetricsTable.CURATED, month);
        List<Sample> samples = MetricsTable.samples(lake, month);
        head();
        run();
        alerts();
        reconciliation();
        quarantine(samples);
        trends();
        bookSection(book);
        curatedSection(curated);
        definitions();
        html.append(SELF_CHECK).append("</body></html>\n");
        return html.toString();
    }

    private void head() {
        html.append("<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\">")
                .append("<title>Qualidade ").append(month).append(" — PoD Cartões</title><style>").append(CSS)
                .append("</style></head><body>\n<h1>Relatório de qualidade do mês ").append(month).append("</h1>\n");
    }

    private void run() {
        String result = report.path("resultado").asText("?");
        html.append("<section id=\"execucao\"><h2>Execução</h2><table class=\"kv\">");
        kv("Mês", month.toString());
        html.append("<tr><th>Resultado</th><td class=\"").append(RunReport.SUCCESS.equals(result) ? "ok" : "falha")
                .append("\" id=\"resultado\">").append(esc(result)).append("</td></tr>");
        kv("Comando", report.path("comando").asText());
        kv("Execução (run_id)", report.path("run_id").asText());
        kv("Início", report.path("inicio").asText());
        kv("Fim", report.path("fim").asText());
        kv("Duração total", seconds(report.path("duracao_total_ms").asLong()));
        kv("Jobs Flink", join(report.path("jobs_flink")));
        kv("Custo estimado", "US$ " + String.format(Locale.ROOT, "%.6f", report.path("custo_estimado_usd").asDouble())
                + " (" + report.path("kpus_estimados").asInt() + " KPU)");
        if (report.has("erro")) {
            kv("Etapa que falhou", report.path("etapa_falha").asText());
            kv("Erro", report.path("erro").asText());
        }
        html.append("</table>\n<h3>Etapas</h3><table><tr><th>Etapa</th><th>Duração</th><th>Detalhe</th></tr>");
        for (JsonNode s : report.path("etapas")) {
            html.append("<tr><td>").append(esc(s.path("etapa").asText())).append("</td><td class=\"n\">")
                    .append(seconds(s.path("duracao_ms").asLong())).append("</td><td class=\"detalhe\">")
                    .append(esc(s.path("detalhe").asText())).append("</td></tr>");
        }
        html.append("</table>\n<h3>Arquivos</h3><table><tr><th>Tabela</th><th>Arquivo (raw)</th><th>Tamanho</th>")
                .append("<th>SHA-256</th><th>Reentrega</th></tr>");
        for (JsonNode f : report.path("arquivos")) {
            html.append("<tr><td>").append(esc(f.path("tabela").asText())).append("</td><td class=\"detalhe\">")
                    .append(esc(f.path("raw").asText())).append("</td>").append(num(f.path("tamanho_bytes").asLong()))
                    .append("<td class=\"hash\">").append(esc(f.path("sha256").asText())).append("</td><td>")
                    .append(f.path("reentrega").asBoolean() ? "sim" : "não").append("</td></tr>");
        }
        html.append("</table></section>\n");
    }

    private void alerts() {
        html.append("<section id=\"alertas\"><h2>Alertas</h2>");
        JsonNode alerts = report.path("alertas");
        if (alerts.isEmpty()) {
            html.append("<p class=\"ok\">Nenhum alerta neste mês.</p>");
        } else {
            html.append("<ul>");
            for (JsonNode a : alerts) {
                html.append("<li class=\"alerta ").append(esc(a.path("nivel").asText())).append("\">")
                        .append(esc(a.path("mensagem").asText())).append("</li>");
            }
            html.append("</ul>");
        }
        html.append("<p class=\"nota\">Alertas não falham a execução: drift com PSI ≥ 0,10 (moderada) ou ≥ 0,25 ")
                .append("(significativa) por coluna do book, só quando a janela da coluna está completa neste mês e no anterior ")
                .append("(o lake tem o curated de todos os meses dela); taxa de quarentena acima do limite (--alert-quarantine-pct).</p>")
                .append("</section>\n");
    }

    private void reconciliation() {
        html.append("<section id=\"reconciliacao\"><h2>Reconciliação</h2><p class=\"regra\">Regra: <b>lidas = curadas + ")
                .append("quarentena + duplicadas</b>, por tabela.</p><table><tr><th>Tabela</th><th>Lidas</th>")
                .append("<th>Curadas</th><th>Quarentena</th><th>Duplicadas</th><th>Taxa de quarentena</th>")
                .append("<th>Reconciliado</th></tr>");
        Iterator<Map.Entry<String, JsonNode>> it = report.path("tabelas").fields();
        if (!it.hasNext()) {
            html.append("<tr><td colspan=\"7\">Este comando não curou o mês (só refez o book).</td></tr>");
        }
        while (it.hasNext()) {
            var e = it.next();
            JsonNode t = e.getValue();
            long read = t.path("lidas").asLong();
            html.append("<tr data-tabela=\"").append(esc(e.getKey())).append("\"><td>").append(esc(e.getKey()))
                    .append("</td>").append(num(read)).append(num(t.path("curadas").asLong()))
                    .append(num(t.path("quarentena").asLong())).append(num(t.path("duplicadas").asLong()))
                    .append(pct(read == 0 ? 0 : 100.0 * t.path("quarentena").asLong() / read)).append("<td class=\"")
                    .append(t.path("reconciliado").asBoolean() ? "ok\">sim" : "falha\">não").append("</td></tr>");
        }
        html.append("</table></section>\n");
    }

    private void quarantine(List<Sample> samples) {
        html.append("<section id=\"quarentena\"><h2>Quarentena por motivo</h2>");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Iterator<Map.Entry<String, JsonNode>> it = report.path("tabelas").fields();
        while (it.hasNext()) {
            var e = it.next();
            e.getValue().path("quarentena_por_motivo").fields()
                    .forEachRemaining(r -> data.addValue(r.getValue().asLong(), e.getKey(), r.getKey()));
        }
        if (data.getColumnCount() == 0) {
            html.append("<p class=\"ok\">Nenhuma linha em quarentena.</p>");
        } else {
            html.append(charts.bars("Linhas em quarentena por motivo", "motivo", "linhas", data, 900,
                    120 + 40 * data.getColumnCount()));
        }
        if (!samples.isEmpty()) {
            html.append("<h3>Amostras (até 5 linhas por motivo)</h3><table><tr><th>Tabela</th><th>Motivo</th>")
                    .append("<th>Arquivo</th><th>Linha</th><th>Registro (texto bruto)</th><th>Detalhe</th></tr>");
            for (Sample s : samples) {
                html.append("<tr class=\"amostra\"><td>").append(esc(s.tabela())).append("</td><td>")
                        .append(esc(s.motivo())).append("</td><td class=\"detalhe\">").append(esc(s.arquivo()))
                        .append("</td>").append(num(s.linha())).append("<td class=\"registro\"><code>")
                        .append(esc(s.registro())).append("</code></td><td class=\"detalhe\">")
                        .append(esc(s.detalhe())).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</section>\n");
    }

    private void trends() throws IOException {
        DefaultCategoryDataset rows = new DefaultCategoryDataset();
        DefaultCategoryDataset rate = new DefaultCategoryDataset();
        DefaultCategoryDataset book = new DefaultCategoryDataset();
        for (int i = TREND_MONTHS - 1; i >= 0; i--) {
            YearMonth m = month.minusMonths(i);
            String label = m.toString();
            Optional<JsonNode> r = m.equals(month) && report.path("tabelas").size() > 0 ? Optional.of(report)
                    : RunReports.lastCurated(lake, m);
            if (r.isEmpty()) {
                // Keep the month on the axis: 13 categories whatever the history holds.
                rate.addValue(null, "taxa de quarentena (%)", label);
            }
            if (r.isPresent()) {
                long read = 0, curated = 0, quarantined = 0;
                for (JsonNode t : r.get().path("tabelas")) {
                    read += t.path("lidas").asLong();
                    curated += t.path("curadas").asLong();
                    quarantined += t.path("quarentena").asLong();
                }
                rows.addValue(read, "lidas", label);
                rows.addValue(curated, "curadas", label);
                rows.addValue(quarantined, "quarentena", label);
                rate.addValue(read == 0 ? 0 : 100.0 * quarantined / read, "taxa de quarentena (%)", label);
            }
            for (ColumnMetrics c : MetricsTable.read(lake, MetricsTable.BOOK, m)) {
                if (c.coluna().equals("pct_inadimplencia_u1m") && c.media() != null) {
                    book.addValue(c.media(), "inadimplência (%)", label);
                } else if (c.coluna().equals("pct_pagamento_em_dia_u1m") && c.media() != null) {
                    book.addValue(c.media(), "pagamento em dia (%)", label);
                }
            }
        }
        html.append("<section id=\"tendencias\"><h2>Tendências (últimos ").append(TREND_MONTHS)
                .append(" meses)</h2><div class=\"graficos\">");
        html.append(charts.lines("Linhas lidas, curadas e em quarentena", "linhas", rows, 600, 320));
        html.append(charts.lines("Taxa de quarentena", "% das lidas", rate, 600, 320));
        html.append(charts.lines("Inadimplência e pagamento em dia (U1M, média por cliente)", "%", book, 600, 320));
        html.append("</div><p class=\"nota\">Contagens do último relatório bem-sucedido de cada mês em _runs/; taxas ")
                .append("da população: médias de pct_inadimplencia_u1m e pct_pagamento_em_dia_u1m em _metrics/.</p>")
                .append("</section>\n");
    }

    private void bookSection(List<ColumnMetrics> book) {
        html.append("<section id=\"book\"><h2>Book de variáveis de fatura: estatísticas e drift</h2>");
        if (book.isEmpty()) {
            html.append("<p>Sem métricas do book para este mês.</p></section>\n");
            return;
        }
        html.append("<table class=\"metricas\">").append(METRIC_HEADER).append("<th>PSI vs mês anterior</th>")
                .append("<th>Nível</th></tr>");
        for (ColumnMetrics c : book) {
            metricRow(c);
            if (c.psi() == null) {
                html.append("<td class=\"n\">—</td><td>sem mês anterior</td></tr>");
            } else {
                html.append("<td class=\"n psi\" data-valor=\"").append(c.psi()).append("\">").append(fmt(c.psi(), 4))
                        .append("</td>");
                JsonNode w = report.path("book").path("janela_incompleta").path(c.coluna());
                if (!w.isMissingNode()) {
                    html.append("<td class=\"nivel incompleta\">janela incompleta: ").append(w.path("meses").asInt())
                            .append(" de ").append(w.path("janela").asInt()).append(" meses (anterior: ")
                            .append(w.path("meses_anterior").asInt()).append(")</td></tr>");
                } else {
                    Drift level = Drift.of(c.psi());
                    html.append("<td class=\"nivel ").append(level.name().toLowerCase(Locale.ROOT)).append("\">")
                            .append(level.label()).append("</td></tr>");
                }
            }
        }
        html.append("</table></section>\n");
    }

    private void curatedSection(List<ColumnMetrics> curated) {
        html.append("<section id=\"curated\"><h2>Curated: valores e prazos</h2>");
        if (curated.isEmpty()) {
            html.append("<p>Sem métricas do curated para este mês (o comando não curou o mês).</p></section>\n");
            return;
        }
        html.append("<table class=\"metricas\">").append(METRIC_HEADER).append("</tr>");
        curated.stream().sorted(java.util.Comparator.comparing(ColumnMetrics::tabela).thenComparing(ColumnMetrics::coluna))
                .forEach(c -> {
                    metricRow(c);
                    html.append("</tr>");
                });
        html.append("</table></section>\n");
    }

    private static final String METRIC_HEADER = "<tr><th>Coluna</th><th>Linhas</th><th>Nulos</th><th>Mínimo</th>"
            + "<th>P25</th><th>Mediana</th><th>P75</th><th>Máximo</th><th>Média</th><th>Histograma (10 faixas)</th>";

    private void metricRow(ColumnMetrics c) {
        String id = (c.tabela().equals(MetricsTable.BOOK) ? "" : c.tabela() + ".") + c.coluna();
        html.append("<tr class=\"metrica\" data-coluna=\"").append(esc(id)).append("\"><td>").append(esc(id))
                .append("</td>").append(num(c.qtd())).append(num(c.nulos()));
        for (Double v : new Double[] {c.minimo(), c.p25(), c.mediana(), c.p75(), c.maximo(), c.media()}) {
            html.append(dbl(v));
        }
        DefaultCategoryDataset h = new DefaultCategoryDataset();
        for (int i = 0; i < c.histograma().size(); i++) {
            h.addValue(c.histograma().get(i), "linhas", Integer.valueOf(i + 1));
        }
        html.append("<td data-histograma=\"").append(c.histograma()).append("\">")
                .append(c.histograma().isEmpty() ? "—" : charts.histogram(h, 160, 40)).append("</td>");
    }

    private void definitions() {
        html.append("<section id=\"definicoes\"><h2>Definições</h2><ul>")
                .append("<li><b>Percentis</b>: exatos, com interpolação linear entre os dois valores vizinhos ")
                .append("(calculados no job, o mesmo que quantile_cont do DuckDB). Nulos não entram.</li>")
                .append("<li><b>Histograma</b>: 10 faixas de largura igual entre o mínimo e o máximo do mês; ")
                .append("o máximo entra na última faixa; nulos não entram.</li>")
                .append("<li><b>PSI</b> (índice de estabilidade da população) do mês M contra M−1: faixas pelos ")
                .append("decis de M−1 (bordas iguais fundidas; cada faixa é (e<sub>i</sub>, e<sub>i+1</sub>]), nulos ")
                .append("numa faixa própria; e e a são as proporções de M−1 e de M em cada faixa (faixa vazia conta ")
                .append("0,0001); PSI = Σ (a − e)·ln(a / e). Níveis: &lt; 0,10 estável, ≥ 0,10 moderada, ")
                .append("≥ 0,25 significativa.</li>")
                .append("<li><b>Taxa de quarentena</b>: quarentena / lidas, por tabela.</li></ul></section>\n");
    }

    // ---- helpers

    /** Book metrics in the book's column order. */
    private static List<ColumnMetrics> ordered(List<ColumnMetrics> metrics) {
        Map<String, ColumnMetrics> byColumn = new TreeMap<>();
        metrics.forEach(m -> byColumn.put(m.coluna(), m));
        List<ColumnMetrics> out = new ArrayList<>();
        for (TableColumn c : BookSchema.columns()) {
            if (byColumn.containsKey(c.name())) {
                out.add(byColumn.get(c.name()));
            }
        }
        return out;
    }

    /** Book PSI per column, in the book's column order (columns without PSI left out). */
    public static Map<String, Double> drift(List<ColumnMetrics> book) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ColumnMetrics c : ordered(book)) {
            if (c.psi() != null) {
                out.put(c.coluna(), c.psi());
            }
        }
        return out;
    }

    private void kv(String key, String value) {
        html.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? "—" : String.join(", ", out);
    }

    private static String num(long v) {
        return "<td class=\"n\" data-valor=\"" + v + "\">" + String.format(PT, "%,d", v) + "</td>";
    }

    private static String pct(double v) {
        return "<td class=\"n\" data-valor=\"" + v + "\">" + fmt(v, 2) + "%</td>";
    }

    private static String dbl(Double v) {
        return v == null ? "<td class=\"n\">—</td>" : "<td class=\"n\" data-valor=\"" + v + "\">" + fmt(v, 2) + "</td>";
    }

    private static String fmt(double v, int decimals) {
        DecimalFormat f = new DecimalFormat("#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(PT));
        return f.format(v);
    }

    private static String seconds(long millis) {
        return fmt(millis / 1000.0, 1) + " s";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#222;max-width:1400px}
            h1{font-size:24px}h2{font-size:19px;border-bottom:2px solid #1f77b4;padding-bottom:4px;margin-top:28px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 7px}
            th{background:#eef3f8;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
            table.kv th{width:170px}.ok{color:#1a7f37;font-weight:bold}.falha{color:#b00020;font-weight:bold}
            td.hash{font-family:monospace;font-size:11px}td.detalhe{max-width:520px;word-break:break-all}
            td.registro code{white-space:pre-wrap;word-break:break-all}
            .nivel.moderada,.alerta.moderada{background:#fff3cd;color:#7a5a00;font-weight:bold}
            .nivel.significativa,.alerta.significativa{background:#f8d7da;color:#842029;font-weight:bold}
            .alerta.acima_do_limite{background:#f8d7da;color:#842029;font-weight:bold}
            .nivel.estavel{color:#1a7f37}.nivel.incompleta{color:#666;font-style:italic}li.alerta{padding:3px 6px;margin:3px 0;list-style:none}
            .graficos{display:flex;flex-wrap:wrap;gap:12px}.nota{color:#555;font-size:12px}
            svg.histograma{display:block}.regra{font-size:14px}
            """;

    /**
     * Runs in the browser: records script errors and what the charts drew, in attributes of
     * {@code <body>} ({@code data-erros}, {@code data-graficos}, {@code data-graficos-vazios}) that a test
     * (or a curious operator's devtools) can read.
     */
    private static final String SELF_CHECK = """
            <script>
            (function(){var errs=[];window.addEventListener('error',function(e){errs.push(String(e.message));
            document.body.setAttribute('data-erros',errs.join(' | '));});
            var svgs=document.querySelectorAll('svg'),empty=0;
            svgs.forEach(function(s){var b=s.getBBox?s.getBBox():null;
            var shapes=s.querySelectorAll('path,rect,line,polyline,text').length;
            if(!b||b.width<1||b.height<1||shapes<3){empty++;}});
            document.body.setAttribute('data-graficos',String(svgs.length));
            document.body.setAttribute('data-graficos-vazios',String(empty));
            document.body.setAttribute('data-erros',errs.join(' | '));})();
            </script>
            """;
}
