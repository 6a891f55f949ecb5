package br.com.podcartoes.lake.quality;

import br.com.podcartoes.lake.contract.Month;
import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The quality metrics in the lake, {@code _metrics/<grupo>/ano=YYYY/mes=MM/}: JSON lines (one object per
 * line — Athena's JSON SerDe, DuckDB and the page read them without Flink), small (one row per column).
 * Groups: {@code book_fatura} (the 32 book columns, with PSI), {@code curated} (amounts and day counts of
 * the curated tables) and {@code amostras_quarentena} (up to 5 lines per quarantine reason).
 */
public final class MetricsTable {
    public static final String BOOK = LakeLayout.BOOK_TABLE;
    public static final String CURATED = "curated";
    public static final String SAMPLES = "amostras_quarentena";
    public static final List<String> GROUPS = List.of(BOOK, CURATED, SAMPLES);

    public static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("tabela", "STRING", "Tabela medida (book_fatura, tb_faturas, tb_pagamentos)."),
            new TableColumn("coluna", "STRING", "Coluna medida."),
            new TableColumn("qtd", "BIGINT", "Linhas do mês."),
            new TableColumn("nulos", "BIGINT", "Linhas com a coluna NULL."),
            new TableColumn("minimo", "DOUBLE", "Mínimo."),
            new TableColumn("p25", "DOUBLE", "Percentil 25 (interpolação linear)."),
            new TableColumn("mediana", "DOUBLE", "Mediana (interpolação linear)."),
            new TableColumn("p75", "DOUBLE", "Percentil 75 (interpolação linear)."),
            new TableColumn("maximo", "DOUBLE", "Máximo."),
            new TableColumn("media", "DOUBLE", "Média."),
            new TableColumn("histograma", "ARRAY<BIGINT>",
                    "Contagens em 10 faixas de largura igual entre mínimo e máximo do mês (o máximo na última)."),
            new TableColumn("decis", "ARRAY<DOUBLE>", "Decis 10..90: as faixas do PSI do mês seguinte."),
            new TableColumn("psi", "DOUBLE", "PSI contra o mês anterior (NULL sem mês anterior ou fora do book)."));

    public static final List<TableColumn> SAMPLE_COLUMNS = List.of(
            new TableColumn("tabela", "STRING", "Tabela (tb_faturas, tb_pagamentos)."),
            new TableColumn("motivo", "STRING", "Código do motivo da rejeição."),
            new TableColumn("arquivo", "STRING", "Arquivo de origem."),
            new TableColumn("linha", "BIGINT", "Linha física no arquivo."),
            new TableColumn("registro", "STRING", "Texto bruto da linha."),
            new TableColumn("detalhe", "STRING", "Detalhe legível."));

    /** One column's statistics of one month. */
    public record ColumnMetrics(String tabela, String coluna, long qtd, long nulos, Double minimo, Double p25,
            Double mediana, Double p75, Double maximo, Double media, List<Long> histograma, List<Double> decis,
            Double psi) {}

    /** A quarantined line kept as a sample. */
    public record Sample(String tabela, String motivo, String arquivo, long linha, String registro, String detalhe) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsTable() {}

    static String sinkName(String group) {
        return "metricas_" + group;
    }

    static void declare(TableEnvironment tEnv, LakeLayout lake) {
        for (String group : GROUPS) {
            if (List.of(tEnv.listTemporaryTables()).contains(sinkName(group))) {
                continue;
            }
            Schema.Builder schema = Schema.newBuilder();
            for (TableColumn c : group.equals(SAMPLES) ? SAMPLE_COLUMNS : COLUMNS) {
                schema.column(c.name(), c.sqlType());
            }
            for (TableColumn c : LakeTables.PARTITION_COLUMNS) {
                schema.column(c.name(), c.sqlType());
            }
            tEnv.createTemporaryTable(sinkName(group), TableDescriptor.forConnector("filesystem")
                    .schema(schema.build())
                    .partitionedBy(LakeTables.PARTITION_COLUMNS.stream().map(TableColumn::name).toArray(String[]::new))
                    .option("path", lake.metricsTable(group))
                    .format("json")
                    .build());
        }
    }

    /**
     * One INSERT per group for all the batch's months: dynamic partitions (computed from the month index),
     * so an overwrite replaces exactly the months written. One sink per month (a static partition each)
     * made a 13-month load-history plan run out of network buffers.
     */
    static String insert(String group, String filter) {
        return """
                INSERT OVERWRITE %s
                SELECT %s, %s
                FROM q_metricas WHERE %s""".formatted(sinkName(group),
                TableColumn.names(COLUMNS),
                Month.partitionColumnsOf("mes"), filter);
    }

    static String insertSamples(List<YearMonth> months) {
        return "INSERT OVERWRITE " + sinkName(SAMPLES) + " SELECT tabela, motivo, arquivo, linha, registro, detalhe, "
                + Month.partitionColumnsOf("mes_lote") + " FROM q_amostras WHERE mes_lote IN (" + Month.indexes(months) + ")";
    }

    /** The metrics of a month's group; empty when there are none. */
    public static List<ColumnMetrics> read(LakeLayout lake, String group, YearMonth month) throws IOException {
        List<ColumnMetrics> out = new ArrayList<>();
        for (JsonNode n : rows(lake, group, month)) {
            out.add(new ColumnMetrics(n.path("tabela").asText(), n.path("coluna").asText(), n.path("qtd").asLong(),
                    n.path("nulos").asLong(), dbl(n, "minimo"), dbl(n, "p25"), dbl(n, "mediana"), dbl(n, "p75"),
                    dbl(n, "maximo"), dbl(n, "media"), longs(n.path("histograma")), doubles(n.path("decis")),
                    dbl(n, "psi")));
        }
        return out;
    }

    public static List<Sample> samples(LakeLayout lake, YearMonth month) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (JsonNode n : rows(lake, SAMPLES, month)) {
            out.add(new Sample(n.path("tabela").asText(), n.path("motivo").asText(), n.path("arquivo").asText(),
                    n.path("linha").asLong(), n.path("registro").asText(), n.path("detalhe").asText()));
        }
        out.sort(java.util.Comparator.comparing(Sample::tabela).thenComparing(Sample::motivo)
                .thenComparing(Sample::arquivo).thenComparingLong(Sample::linha));
        return out;
    }

    /** Path of a month's partition of a group. */
    public static Path partition(LakeLayout lake, String group, YearMonth month) {
        return lake.partitionDir(lake.metricsTable(group), month);
    }

    private static List<JsonNode> rows(LakeLayout lake, String group, YearMonth month) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path dir = partition(lake, group, month);
        if (!LakeFs.exists(dir)) {
            return out;
        }
        for (Path file : LakeFs.dataFiles(dir)) {
            for (String line : LakeFs.readString(file).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private static Double dbl(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isNull() ? 0L : v.asLong()));
        return out;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
        return out;
    }
}
