package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.lake.LakeFs;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.lake.LakeTables;
import br.com.podcartoes.lake.lake.MonthFilter;
import br.com.podcartoes.lake.lake.PartitionedTables;
import br.com.podcartoes.lake.lake.TableColumn;
import br.com.podcartoes.lake.pipeline.FlinkSession;
import br.com.podcartoes.lake.pipeline.StatsSink;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Computes the book of one reference month M, point in time: invoices issued in the 12 months ending at
 * M, and of their payments only those dated up to D, the last day of M. One Flink job writes the invoice
 * status of M ({@link InvoiceStatus}) and the book aggregated from it.
 *
 * <p>Incremental when the status of M-1 exists: it then reads that status plus M's curated invoices and
 * payments. Otherwise (first month, or {@code fromScratch}) it builds the status from the 12 months of
 * curated invoices and payments — the same query with a wider input, so both paths give the same rows.
 */
public final class BookJob {
    private static final String STATUS = "estado_fatura";

    private final LakeLayout lake;
    private final int parallelism;

    public BookJob(LakeLayout lake, int parallelism) {
        this.lake = lake;
        this.parallelism = parallelism;
    }

    /** What one book job wrote. */
    public record Result(long bookRows, long statusRows, boolean incremental) {}

    /** Writes the status and {@code refined/book_fatura} partitions of the month. */
    public Result run(YearMonth month, String runId, boolean fromScratch) throws Exception {
        StreamTableEnvironment tEnv = FlinkSession.forBook(parallelism).tableEnv();
        CentsFunctions.register(tEnv);
        YearMonth previous = month.minusMonths(1);
        boolean incremental = !fromScratch
                && PartitionedTables.existingMonths(lake.statusTable()).contains(previous);
        List<String> statusColumns = InvoiceStatus.COLUMNS.stream().map(TableColumn::name).toList();
        if (incremental) {
            PartitionedTables.view(tEnv, "estado_anterior", lake.statusTable(), InvoiceStatus.COLUMNS,
                    MonthFilter.between(previous, previous), statusColumns);
        } else {
            PartitionedTables.emptyView(tEnv, "estado_anterior", InvoiceStatus.COLUMNS, statusColumns);
        }
        MonthFilter newData = incremental ? MonthFilter.between(month, month)
                : MonthFilter.between(month.minusMonths(Window.longest() - 1L), month);
        PartitionedTables.view(tEnv, "faturas_novas", lake.curatedTable("tb_faturas"),
                LakeTables.curated(TableContract.FATURAS), newData,
                List.of("id_fatura", "id_cliente", "data_emissao", "data_vencimento", "valor_fatura",
                        "valor_pagamento_minimo"));
        PartitionedTables.view(tEnv, "pagamentos_novos", lake.curatedTable("tb_pagamentos"),
                LakeTables.curated(TableContract.PAGAMENTOS), newData,
                List.of("id_fatura", "data_pagamento", "valor_pagamento"));
        tEnv.executeSql("CREATE TEMPORARY VIEW " + STATUS + " AS "
                + InvoiceStatus.query(month, "estado_anterior", "faturas_novas", "pagamentos_novos"));
        tEnv.executeSql("CREATE TEMPORARY VIEW book_rows AS " + bookQuery(month, STATUS));

        PartitionedTables.declare(tEnv, "status_sink", lake.statusTable(), InvoiceStatus.COLUMNS);
        PartitionedTables.declare(tEnv, "book", lake.bookTable(), BookSchema.columns());
        Path statsDir = new Path(lake.workDir(month, runId), "book-stats");
        StatsSink.declare(tEnv, "book_stats", statsDir);
        StatementSet set = tEnv.createStatementSet();
        String partition = " PARTITION (" + PartitionedTables.partitionSpec(month) + ")";
        set.addInsertSql("INSERT OVERWRITE status_sink" + partition + " SELECT * FROM " + STATUS);
        set.addInsertSql("INSERT OVERWRITE book" + partition + " SELECT * FROM book_rows");
        set.addInsertSql("INSERT INTO book_stats "
                + StatsSink.count(LakeLayout.BOOK_TABLE, "linhas", "CAST('' AS STRING)", "book_rows")
                + " UNION ALL " + StatsSink.count(STATUS, "linhas", "CAST('' AS STRING)", STATUS));
        FlinkSession.execute(set, "book " + month);

        long bookRows = 0;
        long statusRows = 0;
        for (StatsSink.Stat s : StatsSink.read(statsDir)) {
            if (s.tabela().equals(STATUS)) {
                statusRows += s.qtd();
            } else {
                bookRows += s.qtd();
            }
        }
        LakeFs.delete(lake.workDir(month, runId));
        PartitionedTables.clearIfEmpty(lake.partitionDir(lake.bookTable(), month), bookRows);
        PartitionedTables.clearIfEmpty(lake.partitionDir(lake.statusTable(), month), statusRows);
        return new Result(bookRows, statusRows, incremental);
    }

    /**
     * One GROUP BY id_cliente computing every component of every window (integer sums and maxima), then
     * each variable of each window as a projection of its window's components — all from the declarations.
     */
    static String bookQuery(YearMonth month, String status) {
        List<String> components = new ArrayList<>();
        components.add("id_cliente");
        for (Window w : Window.values()) {
            for (BookComponent c : BookComponent.values()) {
                components.add(c.aggregate(w) + " AS " + c.column(w));
            }
        }
        List<String> select = new ArrayList<>();
        select.add("id_cliente");
        select.add("DATE '" + month.atEndOfMonth() + "' AS dt_referencia");
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                select.add(v.expressionFor(w) + " AS " + v.column(w));
            }
        }
        return "SELECT " + String.join(",\n  ", select) + "\nFROM (SELECT " + String.join(",\n  ", components)
                + "\n  FROM (" + InvoiceStatus.atD(month, status) + ") GROUP BY id_cliente)";
    }
}
