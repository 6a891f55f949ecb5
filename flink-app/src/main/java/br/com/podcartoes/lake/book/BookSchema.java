package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.storage.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** The book's columns, derived from {@link BookVariable#ALL} × {@link Window}. */
public final class BookSchema {
    private BookSchema() {}

    public static List<TableColumn> columns() {
        List<TableColumn> cols = new ArrayList<>();
        cols.add(new TableColumn("id_cliente", "BIGINT", "Identificador do cliente."));
        cols.add(new TableColumn("dt_referencia", "DATE",
                "Data de referência D: último dia do mês de referência; o book usa só o que era conhecido até D."));
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                cols.add(new TableColumn(v.column(w), v.sqlType(), comment(v, w)));
            }
        }
        return cols;
    }

    /** The Glue/Athena comment of a column: the window and the variable's definition. */
    public static String comment(BookVariable v, Window w) {
        String window = w.months() == 1 ? "mês de referência"
                : "últimos " + w.months() + " meses de emissão até o mês de referência";
        return v.description() + " Janela " + w.suffix().toUpperCase(java.util.Locale.ROOT) + " (" + window + "): "
                + v.definition() + ".";
    }
}
