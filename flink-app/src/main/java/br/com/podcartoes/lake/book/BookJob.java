package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.lake.LakeFs;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.lake.LakeTables;
import br.com.podcartoes.lake.lake.MonthFilter;
import br.com.podcartoes.lake.lake.PartitionedTables;
import br.com.podcartoes.lake.pipeline.FlinkSession;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import br.com.podcartoes.lake.pipeline.StatsSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Computes the book of one reference month M from curated data, point in time: invoices issued in the
 * 12 months ending at M, and of their payments only those dated up to D, the last day of M.
 */
public final class BookJob {
    private final LakeLayout lake;
    private final int parallelism;

    public BookJob(LakeLayout lake, int parallelism) {
        this.lake = lake;
        this.parallelism = parallelism;
    }

    /** Writes {@code refined/book_fatura/ano=YYYY/mes=MM} and returns its number of rows. */
    public long run(YearMonth month, String runId) throws Exception {
        StreamTableEnvironment tEnv = FlinkSession.create(parallelism).tableEnv();
        registerStatus(tEnv, month);
        tEnv.executeSql("CREATE TEMPORARY VIEW book_rows AS " + bookQuery(month));
        PartitionedTables.declare(tEnv, "book", lake.bookTable(), BookSchema.columns());
        Path statsDir = new Path(lake.workDir(month, runId), "book-stats");
        StatsSink.declare(tEnv, "book_stats", statsDir);
        StatementSet set = tEnv.createStatementSet();
        set.addInsertSql("INSERT OVERWRITE book PARTITION (" + PartitionedTables.partitionSpec(month) + ")"
                + " SELECT * FROM book_rows");
        set.addInsertSql("INSERT INTO book_stats "
                + StatsSink.count(LakeLayout.BOOK_TABLE, "linhas", "CAST('' AS STRING)", "book_rows"));
        set.execute().await();
        long rows = StatsSink.read(statsDir).stream().mapToLong(StatsSink.Stat::qtd).sum();
        LakeFs.delete(lake.workDir(month, runId));
        if (rows == 0) {
            LakeFs.delete(lake.partitionDir(lake.bookTable(), month));
        }
        return rows;
    }

    /** The per-invoice status at D, one row per curated invoice of the 12 months ending at M. */
    private void registerStatus(StreamTableEnvironment tEnv, YearMonth month) throws Exception {
        YearMonth first = month.minusMonths(Window.longest() - 1L);
        MonthFilter window = MonthFilter.between(first, month);
        PartitionedTables.view(tEnv, "faturas_janela", lake.curatedTable("tb_faturas"),
                LakeTables.curated(TableContract.FATURAS), window,
                List.of("id_fatura", "id_cliente", "data_emissao", "data_vencimento", "valor_fatura",
                        "valor_pagamento_minimo"));
        PartitionedTables.view(tEnv, "pagamentos_janela", lake.curatedTable("tb_pagamentos"),
                LakeTables.curated(TableContract.PAGAMENTOS), window,
                List.of("id_fatura", "data_pagamento", "valor_pagamento"));
        String d = "DATE '" + month.atEndOfMonth() + "'";
        tEnv.executeSql("CREATE TEMPORARY VIEW pagos AS SELECT id_fatura, SUM(valor_pagamento) AS vl_pago,"
                + " MIN(data_pagamento) AS primeiro_pagamento FROM pagamentos_janela"
                + " WHERE data_pagamento <= " + d + " GROUP BY id_fatura");
        int m = monthIndex(month);
        tEnv.executeSql("CREATE TEMPORARY VIEW status_fatura AS SELECT f.id_cliente,"
                + " " + m + " - (YEAR(f.data_emissao) * 12 + MONTH(f.data_emissao)) AS meses_atras,"
                + " f.valor_fatura,"
                + " COALESCE(p.vl_pago, 0) AS vl_pago,"
                + " f.data_vencimento <= " + d + " AS vencida,"
                + " COALESCE(p.primeiro_pagamento <= f.data_vencimento, FALSE) AS em_dia,"
                + " COALESCE(p.vl_pago, 0) < f.valor_pagamento_minimo AS inadimplente,"
                + " GREATEST(0, TIMESTAMPDIFF(DAY, CAST(f.data_vencimento AS TIMESTAMP),"
                + "     CAST(COALESCE(p.primeiro_pagamento, " + d + ") AS TIMESTAMP))) AS dias_atraso"
                + " FROM faturas_janela f LEFT JOIN pagos p ON f.id_fatura = p.id_fatura"
                + " WHERE f.data_emissao <= " + d);
    }

    /** One GROUP BY id_cliente with every variable of every window, from the declarations. */
    static String bookQuery(YearMonth month) {
        List<String> select = new ArrayList<>();
        select.add("id_cliente");
        select.add("DATE '" + month.atEndOfMonth() + "'");
        for (Window w : Window.values()) {
            String inWindow = "meses_atras < " + w.months();
            for (BookVariable v : BookVariable.ALL) {
                select.add("CAST(" + v.aggregateFor(inWindow) + " AS " + v.sqlType() + ") AS " + v.column(w));
            }
        }
        return "SELECT " + String.join(",\n  ", select) + "\nFROM status_fatura GROUP BY id_cliente";
    }

    static int monthIndex(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue();
    }
}
