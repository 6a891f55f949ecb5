package br.com.podcartoes.lake.quality;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code FAIXA_PSI(valor, decis)}: the PSI bin of a value given last month's deciles. Equal edges are
 * merged (the bin is the number of <em>distinct</em> edges below the value, so bin i is
 * {@code (e_i, e_i+1]}); NULL values are bin -1; with no edges (a column all NULL last month) every
 * value is bin 0.
 */
public final class PsiBin extends ScalarFunction {
    public static final String NAME = "FAIXA_PSI";

    public Integer eval(Double value, @DataTypeHint("ARRAY<DOUBLE>") Double[] edges) {
        return bin(value, edges);
    }

    /** The same rule in Java (the tests and the page use it). */
    public static Integer bin(Double value, Double[] edges) {
        if (value == null) {
            return -1;
        }
        if (edges == null) {
            return 0;
        }
        double[] distinct = java.util.Arrays.stream(edges).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        int bin = 0;
        for (double e : distinct) {
            if (e < value) {
                bin++;
            }
        }
        return bin;
    }
}
