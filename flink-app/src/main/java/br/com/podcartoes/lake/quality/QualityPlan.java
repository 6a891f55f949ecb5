package br.com.podcartoes.lake.quality;

import br.com.podcartoes.lake.book.BookPlan;
import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.contract.Month;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.engine.Plan;
import br.com.podcartoes.lake.engine.StatsSink;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.Partitions;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The quality stage of a plan: sinks of the command's one job (Managed Flink allows one) that write, for
 * every month the job writes, the statistics of the 32 book columns and of the curated amounts and day
 * counts ({@link MetricsTable}), the PSI of each book column against the month before, and up to five
 * sample lines per quarantine reason.
 *
 * <p>Every measured value becomes a row {@code (mes, tabela, coluna, valor DOUBLE)} of one view
 * ({@code q_valores}, an UNNEST of each source row, so each source is read once); the statistics are one
 * GROUP BY over it with Flink's exact {@code PERCENTILE} (linear interpolation between the two nearest
 * ranks, the same as DuckDB's {@code quantile_cont}). The month before the first month of the batch comes
 * from the stored book when it is not in the batch.
 */
public final class QualityPlan {
    /** The percentages of the one PERCENTILE call: deciles plus the quartiles. */
    static final double[] PERCENTAGES = {0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9};
    /** 1-based positions in the PERCENTILE array. */
    static final int P25 = 3, MEDIAN = 6, P75 = 9;
    static final int[] DECILES = {1, 2, 4, 5, 6, 7, 8, 10, 11};
    /** Bins of the histogram: equal width between the month's minimum and maximum. */
    public static final int HISTOGRAM_BINS = 10;
    /** Sample lines kept per quarantine reason. */
    public static final int SAMPLES = 5;

    private final LakeLayout lake;

    public QualityPlan(LakeLayout lake) {
        this.lake = lake;
    }

    /** The curated columns measured: table, column, SQL over the table's accepted view {@code a}. */
    record Measure(String table, String column, String expression) {}

    static final List<Measure> CURATED = List.of(
            new Measure("tb_faturas", "valor_fatura", "a.valor_fatura"),
            new Measure("tb_faturas", "valor_pagamento_minimo", "a.valor_pagamento_minimo"),
            new Measure("tb_faturas", "dias_emissao_vencimento",
                    "TIMESTAMPDIFF(DAY, CAST(a.data_emissao AS TIMESTAMP(3)), CAST(a.data_vencimento AS TIMESTAMP(3)))"),
            new Measure("tb_pagamentos", "valor_pagamento", "a.valor_pagamento"),
            new Measure("tb_pagamentos", "dias_vencimento_pagamento", "DIA_EPOCA(a.data_pagamento) - s.vencimento_dia"));

    public void add(Plan plan, CuratedPlan.Batch curated, BookPlan.Batch book) throws IOException {
        TableEnvironment tEnv = plan.tableEnv();
        tEnv.createTemporarySystemFunction(PsiBin.NAME, PsiBin.class);
        List<String> sources = new ArrayList<>();
        sources.add(unnest("mes_ref", MetricsTable.BOOK, bookColumns(), "book_rows"));
        Set<Integer> batchMonths = book.months().stream().map(m -> Month.of(m).index())
                .collect(Collectors.toCollection(TreeSet::new));
        List<YearMonth> stored = Partitions.existingMonths(lake.bookTable());
        for (YearMonth m : book.months()) {
            YearMonth previous = m.minusMonths(1);
            if (!book.months().contains(previous) && stored.contains(previous)) {
                sources.add(unnest(String.valueOf(Month.of(previous).index()), MetricsTable.BOOK, bookColumns(),
                        storedBook(tEnv, previous)));
            }
        }
        if (curated != null) {
            sources.add(unnest("a.mes_lote", "tb_faturas", curatedColumns("tb_faturas"),
                    CuratedPlan.accepted(TableContract.FATURAS) + " a"));
            sources.add(unnest("a.mes_lote", "tb_pagamentos", curatedColumns("tb_pagamentos"),
                    CuratedPlan.accepted(TableContract.PAGAMENTOS) + " a LEFT JOIN " + BookPlan.STATUS
                            + " s ON s.id_fatura = a.id_fatura AND s.mes_ref = a.mes_lote"));
        }
        tEnv.executeSql("CREATE TEMPORARY VIEW q_valores AS " + String.join("\nUNION ALL\n", sources));
        tEnv.executeSql("CREATE TEMPORARY VIEW q_estat AS SELECT mes, tabela, coluna, COUNT(*) AS qtd,"
                + " COUNT(valor) AS preenchidos, MIN(valor) AS minimo, MAX(valor) AS maximo, AVG(valor) AS media,"
                + " PERCENTILE(valor, ARRAY[" + java.util.Arrays.stream(PERCENTAGES).mapToObj(Double::toString)
                        .collect(Collectors.joining(", ")) + "]) AS q"
                + " FROM q_valores GROUP BY mes, tabela, coluna");
        tEnv.executeSql(histogramView());
        psiViews(tEnv, batchMonths);

        MetricsTable.declare(tEnv, lake);
        plan.insert(MetricsTable.insert(MetricsTable.BOOK, book.months(), "s.tabela = '" + MetricsTable.BOOK + "'"));
        if (curated != null) {
            plan.insert(MetricsTable.insert(MetricsTable.CURATED, curated.months(),
                    "s.tabela <> '" + MetricsTable.BOOK + "'"));
            List<String> rejected = new ArrayList<>();
            for (TableContract t : TableContract.values()) {
                rejected.add("SELECT " + StatsSink.literal(t.tableName()) + " AS tabela, arquivo, linha, registro,"
                        + " mes_lote, motivo, detalhe FROM rejected_" + t.tableName());
            }
            tEnv.executeSql("CREATE TEMPORARY VIEW q_amostras AS SELECT * FROM (SELECT *, ROW_NUMBER() OVER"
                    + " (PARTITION BY mes_lote, tabela, motivo ORDER BY arquivo, linha) AS n FROM ("
                    + String.join(" UNION ALL ", rejected) + ")) WHERE n <= " + SAMPLES);
            plan.insert(MetricsTable.insertSamples(curated.months()));
        }
    }

    private static List<String[]> bookColumns() {
        List<String[]> cols = new ArrayList<>();
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                cols.add(new String[] {v.column(w), v.column(w)});
            }
        }
        return cols;
    }

    private static List<String[]> curatedColumns(String table) {
        return CURATED.stream().filter(c -> c.table().equals(table))
                .map(c -> new String[] {c.column(), c.expression()}).toList();
    }

    /** A view of the stored book of month {@code m} (the month before the batch). */
    private String storedBook(TableEnvironment tEnv, YearMonth m) {
        String name = "q_book_" + Month.of(m).key();
        br.com.podcartoes.lake.engine.PartitionedTables.declare(tEnv, "q_book_stored", lake.bookTable(),
                BookSchema.columns());
        Month month = Month.of(m);
        tEnv.executeSql("CREATE TEMPORARY VIEW " + name + " AS SELECT * FROM q_book_stored WHERE ano = '"
                + month.partitionValues().get(0) + "' AND mes = '" + month.partitionValues().get(1) + "'");
        return name;
    }

    /** {@code SELECT month, table, column, value FROM from CROSS JOIN UNNEST(one row per column)}. */
    static String unnest(String monthExpr, String table, List<String[]> columns, String from) {
        String rows = columns.stream()
                .map(c -> "ROW(" + StatsSink.literal(c[0]) + ", CAST(" + c[1] + " AS DOUBLE))")
                .collect(Collectors.joining(",\n    "));
        return "SELECT CAST(" + monthExpr + " AS INT) AS mes, " + StatsSink.literal(table) + " AS tabela, u.coluna,"
                + " u.valor FROM " + from + "\n  CROSS JOIN UNNEST(ARRAY[" + rows + "]) AS u(coluna, valor)";
    }

    /** Counts per equal-width bin between the month's minimum and maximum (all in bin 0 when they are equal). */
    static String histogramView() {
        String bin = "CASE WHEN s.maximo = s.minimo THEN 0 ELSE LEAST(" + (HISTOGRAM_BINS - 1)
                + ", CAST(FLOOR((v.valor - s.minimo) / (s.maximo - s.minimo) * " + HISTOGRAM_BINS + ") AS INT)) END";
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            counts.add("CAST(SUM(CASE WHEN faixa = " + i + " THEN 1 ELSE 0 END) AS BIGINT)");
        }
        return "CREATE TEMPORARY VIEW q_hist AS SELECT mes, tabela, coluna, ARRAY[" + String.join(", ", counts)
                + "] AS histograma FROM (SELECT v.mes, v.tabela, v.coluna, " + bin + " AS faixa"
                + " FROM q_valores v JOIN q_estat s ON v.mes = s.mes AND v.tabela = s.tabela AND v.coluna = s.coluna"
                + " WHERE v.valor IS NOT NULL) GROUP BY mes, tabela, coluna";
    }

    /**
     * {@code q_psi (mes, coluna, psi)} for the book months of the batch whose month before has values: both
     * months' values binned by the month before's deciles, counted per bin, then Σ (a − e)·ln(a / e).
     */
    static void psiViews(TableEnvironment tEnv, Set<Integer> months) {
        String in = months.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String deciles = java.util.Arrays.stream(DECILES).mapToObj(i -> "q[" + i + "]").collect(Collectors.joining(", "));
        tEnv.executeSql("CREATE TEMPORARY VIEW q_decis AS SELECT mes, coluna, ARRAY[" + deciles + "] AS decis"
                + " FROM q_estat WHERE tabela = '" + MetricsTable.BOOK + "'");
        // Each month's deciles bin its own values (e) and the next month's (a): one join over the values.
        tEnv.executeSql("CREATE TEMPORARY VIEW q_faixas_de AS"
                + " SELECT mes AS mes_valores, mes + 1 AS mes_alvo, coluna, decis FROM q_decis WHERE mes + 1 IN (" + in + ")"
                + " UNION ALL SELECT mes + 1, mes + 1, coluna, decis FROM q_decis WHERE mes + 1 IN (" + in + ")");
        tEnv.executeSql("CREATE TEMPORARY VIEW q_faixas AS SELECT d.mes_alvo AS mes, v.coluna, "
                + PsiBin.NAME + "(v.valor, d.decis) AS faixa, CASE WHEN v.mes = d.mes_alvo THEN 1 ELSE 0 END AS atual"
                + " FROM q_valores v JOIN q_faixas_de d ON v.mes = d.mes_valores AND v.coluna = d.coluna"
                + " WHERE v.tabela = '" + MetricsTable.BOOK + "'");
        tEnv.executeSql("""
                CREATE TEMPORARY VIEW q_psi_contagem AS SELECT mes, coluna, faixa,
                  CAST(SUM(atual) AS BIGINT) AS n_atual, CAST(SUM(1 - atual) AS BIGINT) AS n_anterior
                FROM q_faixas GROUP BY mes, coluna, faixa""");
        tEnv.executeSql("""
                CREATE TEMPORARY VIEW q_psi AS SELECT c.mes, c.coluna, SUM((a - e) * LN(a / e)) AS psi FROM (
                  SELECT c.mes, c.coluna,
                    CASE WHEN c.n_atual = 0 THEN %1$s ELSE CAST(c.n_atual AS DOUBLE) / t.atual END AS a,
                    CASE WHEN c.n_anterior = 0 THEN %1$s ELSE CAST(c.n_anterior AS DOUBLE) / t.anterior END AS e
                  FROM q_psi_contagem c JOIN (SELECT mes, coluna, SUM(n_atual) AS atual, SUM(n_anterior) AS anterior
                    FROM q_psi_contagem GROUP BY mes, coluna) t ON c.mes = t.mes AND c.coluna = t.coluna) c
                GROUP BY c.mes, c.coluna""".formatted(Drift.EMPTY_BIN));
    }
}
