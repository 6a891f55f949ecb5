package br.com.podcartoes.lake.testing;

import java.sql.SQLException;
import java.time.YearMonth;

/**
 * An independent computation of the book's definitions in plain DuckDB SQL over CSV files, written from
 * the definitions and not from the pipeline's code. Amount averages are computed in integer cents
 * (half-up), ratios as doubles.
 */
public final class ReferenceBook {
    private ReferenceBook() {}

    /** Creates table {@code ref_<yyyymm>} with the reference book of {@code month}. */
    public static String create(DuckDb db, String faturasCsv, String pagamentosCsv, YearMonth month) throws SQLException {
        String name = "ref_" + month.toString().replace("-", "");
        String d = "DATE '" + month.atEndOfMonth() + "'";
        String first = "DATE '" + month.minusMonths(11).atDay(1) + "'";
        int m = month.getYear() * 12 + month.getMonthValue();
        StringBuilder cols = new StringBuilder();
        for (int k : new int[] {1, 3, 6, 12}) {
            String w = "back < " + k;
            String s = "_u" + k + "m";
            cols.append(", COUNT(*) FILTER (WHERE ").append(w).append(") AS ref_qtd_faturas").append(s)
                    .append(", COALESCE(SUM(cents) FILTER (WHERE ").append(w).append("), 0) AS ref_total_cents").append(s)
                    .append(", (2 * SUM(cents) FILTER (WHERE ").append(w).append(") + COUNT(*) FILTER (WHERE ").append(w)
                    .append(")) // (2 * NULLIF(COUNT(*) FILTER (WHERE ").append(w).append("), 0)) AS ref_medio_cents").append(s)
                    .append(", 100.0 * COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida AND em_dia)")
                    .append(" / NULLIF(COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida), 0) AS ref_pct_pagamento_em_dia").append(s)
                    .append(", 100.0 * COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida AND inadimplente)")
                    .append(" / NULLIF(COUNT(*) FILTER (WHERE ").append(w).append(" AND vencida), 0) AS ref_pct_inadimplencia").append(s)
                    .append(", AVG(dias) FILTER (WHERE ").append(w).append(" AND vencida) AS ref_dias_atraso_medio").append(s)
                    .append(", MAX(dias) FILTER (WHERE ").append(w).append(" AND vencida) AS ref_dias_atraso_max").append(s)
                    .append(", 100.0 * CAST(SUM(pago_cents) FILTER (WHERE ").append(w).append(") AS DOUBLE)")
                    .append(" / NULLIF(CAST(SUM(cents) FILTER (WHERE ").append(w).append(") AS DOUBLE), 0) AS ref_pct_valor_pago").append(s);
        }
        db.execute("CREATE OR REPLACE TABLE " + name + " AS"
                + " WITH f AS (SELECT * FROM read_csv('" + faturasCsv + "', header = true, all_varchar = true)),"
                + " p AS (SELECT * FROM read_csv('" + pagamentosCsv + "', header = true, all_varchar = true)),"
                + " fw AS (SELECT id_fatura, CAST(id_cliente AS BIGINT) AS id_cliente,"
                + "   CAST(data_emissao AS DATE) AS emissao, CAST(data_vencimento AS DATE) AS vencimento,"
                + "   CAST(round(CAST(valor_fatura AS DECIMAL(18,2)) * 100) AS BIGINT) AS cents,"
                + "   CAST(round(CAST(valor_pagamento_minimo AS DECIMAL(18,2)) * 100) AS BIGINT) AS minimo_cents FROM f"
                + "   WHERE CAST(data_emissao AS DATE) BETWEEN " + first + " AND " + d + "),"
                + " pay AS (SELECT id_fatura, SUM(CAST(round(CAST(valor_pagamento AS DECIMAL(18,2)) * 100) AS BIGINT)) AS pago,"
                + "   MIN(CAST(data_pagamento AS DATE)) AS primeiro FROM p"
                + "   WHERE CAST(data_pagamento AS DATE) <= " + d + " GROUP BY id_fatura),"
                + " s AS (SELECT fw.id_cliente, " + m + " - (year(emissao) * 12 + month(emissao)) AS back, cents,"
                + "   COALESCE(pay.pago, 0) AS pago_cents, vencimento <= " + d + " AS vencida,"
                + "   pay.primeiro IS NOT NULL AND pay.primeiro <= vencimento AS em_dia,"
                + "   COALESCE(pay.pago, 0) < minimo_cents AS inadimplente,"
                + "   CASE WHEN pay.primeiro IS NOT NULL THEN greatest(0, date_diff('day', vencimento, pay.primeiro))"
                + "        ELSE greatest(0, date_diff('day', vencimento, " + d + ")) END AS dias"
                + "   FROM fw LEFT JOIN pay ON fw.id_fatura = pay.id_fatura)"
                + " SELECT id_cliente AS ref_id_cliente" + cols + " FROM s GROUP BY id_cliente");
        return name;
    }
}
