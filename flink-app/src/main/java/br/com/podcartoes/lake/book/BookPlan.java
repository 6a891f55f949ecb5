package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.contract.Month;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.curated.CuratedPlan;
import br.com.podcartoes.lake.engine.IcebergTables;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.engine.Plan;
import br.com.podcartoes.lake.engine.StatsSink;
import br.com.podcartoes.lake.engine.Views;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.Partitions;
import br.com.podcartoes.lake.storage.TableColumn;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The book stage of a plan: for each reference month M of the batch, point in time — invoices issued in
 * the 12 months ending at M and, of their payments, those dated up to D (the last day of M) — the invoice
 * status of M ({@link InvoiceStatus}) and the book aggregated from it, both written as M's partitions.
 *
 * <p>Every month's status is the status stored for the batch's base month (or nothing, when the batch
 * starts from scratch) plus the curated rows of the months after it, up to M. Those rows come from the
 * lake, or, for the months the same plan curates, from its {@link CuratedPlan#accepted} views — never from
 * files the job itself is writing. All months share one status query and one book aggregation, grouped by reference month and client.
 */
public final class BookPlan {
    /** The view of the invoice status of every reference month of the plan. */
    public static final String STATUS = "estado_fatura";

    /**
     * @param months        reference months, ascending
     * @param base          the month whose stored status the batch starts from; null to start from the
     *                      curated data of the 12 months ending at the first month
     * @param curatedInPlan months whose curated rows come from this plan's curated stage
     */
    public record Batch(List<YearMonth> months, YearMonth base, List<YearMonth> curatedInPlan) {
        public Batch {
            months = List.copyOf(months);
            curatedInPlan = List.copyOf(curatedInPlan);
        }

        /** The first month of curated data the statuses read. */
        YearMonth dataFrom() {
            return base != null ? base.plusMonths(1) : months.get(0).minusMonths(Window.longest() - 1L);
        }
    }

    /** Rows written per reference month. */
    public record Rows(long book, long status) {}

    private static final List<String> INVOICE_COLUMNS = List.of("id_fatura", "id_cliente", "data_emissao",
            "data_vencimento", "valor_fatura", "valor_pagamento_minimo");
    private static final List<String> PAYMENT_COLUMNS = List.of("id_fatura", "data_pagamento", "valor_pagamento");

    private final LakeLayout lake;

    public BookPlan(LakeLayout lake) {
        this.lake = lake;
    }

    public void add(Plan plan, Batch batch) throws IOException {
        StreamTableEnvironment tEnv = plan.tableEnv();
        CentsFunctions.register(tEnv);
        List<String> statusColumns = InvoiceStatus.COLUMNS.stream().map(TableColumn::name).toList();
        if (batch.base() != null) {
            IcebergTables.view(tEnv, "estado_anterior", lake, LakeTable.ESTADO_FATURA, InvoiceStatus.COLUMNS,
                    MonthFilter.between(batch.base(), batch.base()), statusColumns);
        } else {
            IcebergTables.emptyView(tEnv, "estado_anterior", InvoiceStatus.COLUMNS, statusColumns);
        }
        curatedSince(tEnv, batch, TableContract.FATURAS, "faturas_novas", INVOICE_COLUMNS);
        curatedSince(tEnv, batch, TableContract.PAGAMENTOS, "pagamentos_novos", PAYMENT_COLUMNS);
        Views.create(tEnv, "meses_referencia", InvoiceStatus.references(batch.months()));
        Views.shared(tEnv, STATUS,
                InvoiceStatus.query("meses_referencia", "estado_anterior", "faturas_novas", "pagamentos_novos"));
        Views.shared(tEnv, "book_rows", bookQuery(STATUS));

        String statusSink = IcebergTables.ensure(tEnv, lake, LakeTable.ESTADO_FATURA, InvoiceStatus.COLUMNS);
        String bookSink = IcebergTables.ensure(tEnv, lake, LakeTable.BOOK_FATURA, BookSchema.columns());
        String bookColumns = BookSchema.columns().stream().map(TableColumn::name).collect(Collectors.joining(", "));
        // One INSERT per table for every month of the batch: one Iceberg commit per table per run.
        String months = Month.indexes(batch.months());
        String partition = Month.partitionColumnsOf("mes_ref");
        plan.insert("INSERT OVERWRITE " + statusSink + " SELECT " + String.join(", ", statusColumns) + ", " + partition
                + " FROM " + STATUS + " WHERE mes_ref IN (" + months + ")");
        plan.insert("INSERT OVERWRITE " + bookSink + " SELECT " + bookColumns + ", " + partition
                + " FROM book_rows WHERE mes_ref IN (" + months + ")");
        plan.count(StatsSink.countByMonth("mes_ref", LakeLayout.BOOK_TABLE, "linhas", "book_rows"));
        plan.count(StatsSink.countByMonth("mes_ref", STATUS, "linhas", STATUS));
    }

    /** Rows written per reference month, from the job's stats. */
    public static Map<YearMonth, Rows> rows(List<StatsSink.Stat> stats, Batch batch) {
        Map<YearMonth, Rows> out = new TreeMap<>();
        for (YearMonth m : batch.months()) {
            int index = Month.of(m).index();
            long book = 0;
            long status = 0;
            for (StatsSink.Stat s : stats) {
                if (s.mes() == index && s.tabela().equals(STATUS)) {
                    status += s.qtd();
                } else if (s.mes() == index && s.tabela().equals(LakeLayout.BOOK_TABLE)) {
                    book += s.qtd();
                }
            }
            out.put(m, new Rows(book, status));
        }
        return out;
    }

    /** Empties the months the job wrote with no rows ({@link Partitions#clearEmptied}). */
    public void clearEmpty(Map<YearMonth, Rows> rows) throws Exception {
        Partitions.clearEmptied(lake, Map.of(
                LakeTable.BOOK_FATURA, rows.keySet().stream().filter(m -> rows.get(m).book() == 0).toList(),
                LakeTable.ESTADO_FATURA, rows.keySet().stream().filter(m -> rows.get(m).status() == 0).toList()));
    }

    /**
     * {@code viewName}: the curated rows of {@code table} of the months after the base up to the last
     * reference month — from this plan's curated stage for its months, from the lake for the others.
     */
    private void curatedSince(TableEnvironment tEnv, Batch batch, TableContract table, String viewName,
            List<String> columns) throws IOException {
        YearMonth from = batch.dataFrom();
        YearMonth to = batch.months().get(batch.months().size() - 1);
        String stored = viewName + "_lake";
        IcebergTables.view(tEnv, stored, lake, LakeTable.curated(table), LakeTables.curated(table),
                MonthFilter.between(from, to).without(batch.curatedInPlan()), columns);
        String cols = String.join(", ", columns);
        List<YearMonth> inPlan = batch.curatedInPlan().stream().filter(MonthFilter.between(from, to)::test).toList();
        String sql = "SELECT " + cols + " FROM " + stored;
        if (!inPlan.isEmpty()) {
            sql += "\nUNION ALL SELECT " + cols + " FROM " + CuratedPlan.accepted(table) + " WHERE mes_lote IN ("
                    + Month.indexes(inPlan) + ")";
        }
        Views.create(tEnv, viewName, sql);
    }

    /**
     * One GROUP BY (reference month, client) computing every component of every window (integer sums and
     * maxima), then each variable of each window as a projection of its window's components — all from
     * the declarations.
     */
    static String bookQuery(String status) {
        List<String> components = new ArrayList<>(List.of("mes_ref", "dt_referencia", "id_cliente"));
        for (Window w : Window.values()) {
            for (BookComponent c : BookComponent.values()) {
                components.add(c.aggregate(w) + " AS " + c.column(w));
            }
        }
        List<String> select = new ArrayList<>(List.of("mes_ref", "id_cliente", "dt_referencia"));
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                select.add(v.expressionFor(w) + " AS " + v.column(w));
            }
        }
        return "SELECT " + String.join(",\n  ", select) + "\nFROM (SELECT " + String.join(",\n  ", components)
                + "\n  FROM (" + InvoiceStatus.atD(status) + ") GROUP BY mes_ref, dt_referencia, id_cliente)";
    }
}
