package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import br.com.podcartoes.lake.storage.LakeLayout;

/**
 * The month-over-month change of one client's book variables, generated from {@link BookVariable#ALL} so
 * a new variable appears in it without anyone retyping 32 columns. Standard SQL that Athena (Trino) and
 * DuckDB both run.
 */
public final class ClientVariationQuery {
    public static final String FILE = "consultas/variacao_mensal_cliente.sql";

    private ClientVariationQuery() {}

    public static String sql() {
        StringBuilder sb = new StringBuilder();
        sb.append("-- Variação mês a mês das variáveis do book de um cliente.\n");
        sb.append("-- Parâmetro: ${id_cliente}. Uma linha por mês de referência do cliente: cada variável e\n");
        sb.append("-- variacao_<variável> = valor do mês - valor do mês anterior (NULL quando o cliente não tem\n");
        sb.append("-- book no mês anterior ou a variável é NULL num dos dois meses).\n");
        sb.append(AthenaSql.GENERATED);
        sb.append("SELECT\n  atual.ano,\n  atual.mes,\n  atual.id_cliente,\n  atual.dt_referencia");
        for (Window w : Window.values()) {
            for (BookVariable v : BookVariable.ALL) {
                String c = v.column(w);
                sb.append(",\n  atual.").append(c);
                sb.append(",\n  atual.").append(c).append(" - anterior.").append(c).append(" AS variacao_").append(c);
            }
        }
        String book = LakeLayout.BOOK_TABLE;
        sb.append("\nFROM ").append(book).append(" atual\n");
        sb.append("LEFT JOIN ").append(book).append(" anterior\n");
        sb.append("  ON anterior.id_cliente = atual.id_cliente\n");
        // Month numbers from the partition strings: no date arithmetic, whose spelling differs between engines.
        sb.append("  AND CAST(anterior.ano AS INTEGER) * 12 + CAST(anterior.mes AS INTEGER)\n");
        sb.append("    = CAST(atual.ano AS INTEGER) * 12 + CAST(atual.mes AS INTEGER) - 1\n");
        sb.append("WHERE atual.id_cliente = ${id_cliente}\n");
        sb.append("ORDER BY atual.ano, atual.mes\n");
        return sb.toString();
    }
}
