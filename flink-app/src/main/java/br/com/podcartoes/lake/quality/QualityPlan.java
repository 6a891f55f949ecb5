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
import br.com.podcartoes.lake.engine.Views;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.Partitions;
import br.com.podcartoes.lake.engine.IcebergTables;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.TableColumn;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The quality stage of a plan: sinks of the command's one job (Managed Flink allows one) that write, for
 * every month the job writes, the statistics of the 32 book columns and of the curated amounts and day
 * counts ({@link MetricsTable}), the PSI of each book column against the month before, and up to five
 * sample lines per quarantine reason.
 *
 * <p>Each source (the book, each curated table) is one GROUP BY month over its rows, each row an array of
 * its measured columns, with {@link ColumnStats} (exact percentiles, histogram and PSI in one pass); the
 * result is unnested into one row per column ({@code q_metricas}). The month before the first month of
 * the batch comes from the stored book when it is not in the batch.
 */
public final class QualityPlan {
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
        String months = Month.indexes(book.months());
        List<String> grouped = new ArrayList<>();
        // The same month filter as the book's own sinks, so the planner can share the book's aggregation.
        List<String> bookSources = new ArrayList<>();
        bookSources.add(values("mes_ref", bookColumns(), "book_rows WHERE mes_ref IN (" + months + ")"));
        List<YearMonth> stored = Partitions.existingMonths(lake, LakeTable.BOOK_FATURA);
        for (YearMonth m : book.months()) {
            YearMonth previous = m.minusMonths(1);
            if (!book.months().contains(previous) && stored.contains(previous)) {
                bookSources.add(values(String.valueOf(Month.of(previous).index()), bookColumns(), storedBook(tEnv, previous)));
            }
        }
        // Each book row counts for its month (atual = 1) and as the month before of the next month
        // (atual = 0): one GROUP BY then has all it needs, PSI included.
        grouped.add("""
                SELECT l.mes, %s AS tabela, %s(v.valores, l.atual) AS ms
                FROM (%s) v CROSS JOIN UNNEST(ARRAY[ROW(v.mes, 1), ROW(v.mes + 1, 0)]) AS l(mes, atual)
                WHERE l.mes IN (%s)
                GROUP BY l.mes""".formatted(StatsSink.literal(MetricsTable.BOOK),
                function(tEnv, MetricsTable.BOOK, bookColumns()), String.join("\nUNION ALL\n", bookSources), months));
        if (curated != null) {
            String curatedMonths = Month.indexes(curated.months());
            grouped.add(curatedStats(tEnv, TableContract.FATURAS, CuratedPlan.accepted(TableContract.FATURAS) + " a"));
            grouped.add(curatedStats(tEnv, TableContract.PAGAMENTOS, CuratedPlan.accepted(TableContract.PAGAMENTOS)
                    + " a LEFT JOIN (SELECT id_fatura, mes_ref, vencimento_dia FROM " + BookPlan.STATUS
                    + " WHERE mes_ref IN (" + curatedMonths + ")) s ON s.id_fatura = a.id_fatura AND s.mes_ref = a.mes_lote"));
        }
        String fields = MetricsTable.COLUMNS.stream().skip(1).map(TableColumn::name).collect(Collectors.joining(", "));
        // SQL text, expanded in each of the two sinks below: each keeps only its own branches of the UNION
        // (filtered by tabela), and a Table view here fails in the planner's correlate rule (UNNEST).
        tEnv.executeSql("CREATE TEMPORARY VIEW q_metricas AS SELECT g.mes, g.tabela, " + fields + " FROM ("
                + String.join("\nUNION ALL\n", grouped) + ") g CROSS JOIN UNNEST(g.ms) AS s(" + fields + ")");

        MetricsTable.declare(tEnv, lake);
        plan.insert(MetricsTable.insert(MetricsTable.BOOK, "tabela = '" + MetricsTable.BOOK + "'"));
        if (curated != null) {
            plan.insert(MetricsTable.insert(MetricsTable.CURATED, "tabela <> '" + MetricsTable.BOOK + "'"));
            List<String> rejected = new ArrayList<>();
            for (TableContract t : TableContract.values()) {
                rejected.add("SELECT " + StatsSink.literal(t.tableName()) + " AS tabela, arquivo, linha, registro,"
                        + " mes_lote, motivo, detalhe FROM rejected_" + t.tableName());
            }
            Views.create(tEnv, "q_amostras", "SELECT * FROM (SELECT *, ROW_NUMBER() OVER"
                    + " (PARTITION BY mes_lote, tabela, motivo ORDER BY arquivo, linha) AS n FROM ("
                    + String.join(" UNION ALL ", rejected) + ")) WHERE n <= " + SAMPLES);
            plan.insert(MetricsTable.insertSamples(curated.months()));
        }
    }

    /** One month's statistics of a curated table (no month before: no PSI). */
    private static String curatedStats(TableEnvironment tEnv, TableContract table, String from) {
        List<String[]> columns = curatedColumns(table.tableName());
        return "SELECT CAST(a.mes_lote AS INT) AS mes, " + StatsSink.literal(table.tableName()) + " AS tabela, "
                + function(tEnv, table.tableName(), columns) + "(" + array(columns) + ", 1) AS ms FROM " + from
                + " GROUP BY a.mes_lote";
    }

    /** Registers the statistics function of a source (its columns in order) and returns its name. */
    private static String function(TableEnvironment tEnv, String source, List<String[]> columns) {
        String name = ColumnStats.name(source);
        tEnv.createTemporarySystemFunction(name, new ColumnStats(columns.stream().map(c -> c[0]).toList()));
        return name;
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
        List<String> columns = BookSchema.columns().stream().map(TableColumn::name).toList();
        IcebergTables.view(tEnv, name, lake, LakeTable.BOOK_FATURA, BookSchema.columns(), MonthFilter.between(m, m),
                columns);
        return name;
    }

    /** {@code SELECT month AS mes, ARRAY[columns] AS valores FROM from}: one row per source row. */
    static String values(String monthExpr, List<String[]> columns, String from) {
        return "SELECT CAST(" + monthExpr + " AS INT) AS mes, " + array(columns) + " AS valores FROM " + from;
    }

    private static String array(List<String[]> columns) {
        return columns.stream().map(c -> "CAST(" + c[1] + " AS DOUBLE)").collect(Collectors.joining(", ", "ARRAY[", "]"));
    }
}
