package br.com.podcartoes.lake.quality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/**
 * {@code ESTATISTICAS(valor, atual)}: every statistic of one column of one month in one pass — count,
 * nulls, minimum, exact quartiles and deciles (linear interpolation between the two nearest ranks, as
 * DuckDB's {@code quantile_cont}), maximum, mean, the 10-bin equal-width histogram and the PSI against
 * the month before. The group's rows are the month's values ({@code atual = 1}) and the month before's
 * ({@code atual = 0}); the PSI bins are the deciles of the latter ({@link PsiBin}, {@link Drift}).
 *
 * <p>One aggregate over one scan of the values: an earlier version joined the values back to their
 * statistics (histogram, PSI), which made the planner compute the book several times (7x the job's time
 * at 100k clients) and ran a 13-month plan out of network buffers.
 */
@FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = ColumnStats.Acc.class),
        output = @DataTypeHint("ROW<qtd BIGINT, nulos BIGINT, minimo DOUBLE, p25 DOUBLE, mediana DOUBLE, p75 DOUBLE,"
                + " maximo DOUBLE, media DOUBLE, histograma ARRAY<BIGINT>, decis ARRAY<DOUBLE>, psi DOUBLE>"))
public final class ColumnStats extends AggregateFunction<Row, ColumnStats.Acc> {
    public static final String NAME = "ESTATISTICAS";
    static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** The values of the month and of the month before. */
    public static final class Acc implements java.io.Serializable {
        public final Values current = new Values();
        public long currentNulls;
        public final Values previous = new Values();
        public long previousNulls;
    }

    /**
     * A growable array of primitive doubles: boxed {@code Double}s cost several times the memory (1M clients,
     * parallelism 2: peak RSS 4.4 → 3.4 GiB, job 178 → 166 s).
     */
    public static final class Values implements java.io.Serializable {
        private double[] data = new double[16];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(Values o) {
            if (size + o.size > data.length) {
                data = Arrays.copyOf(data, Math.max(size + o.size, size * 2));
            }
            System.arraycopy(o.data, 0, data, size, o.size);
            size += o.size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** The values, sorted, in a new array. */
        double[] sorted() {
            double[] x = Arrays.copyOf(data, size);
            Arrays.sort(x);
            return x;
        }
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, Double value, Integer current) {
        boolean mine = current != null && current == 1;
        if (value == null) {
            if (mine) {
                acc.currentNulls++;
            } else {
                acc.previousNulls++;
            }
        } else {
            (mine ? acc.current : acc.previous).add(value);
        }
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            acc.current.addAll(o.current);
            acc.currentNulls += o.currentNulls;
            acc.previous.addAll(o.previous);
            acc.previousNulls += o.previousNulls;
        }
    }

    @Override
    public Row getValue(Acc acc) {
        double[] x = acc.current.sorted();
        long rows = x.length + acc.currentNulls;
        Double psi = acc.previous.isEmpty() && acc.previousNulls == 0 ? null
                : psi(x, acc.currentNulls, acc.previous.sorted(), acc.previousNulls);
        if (x.length == 0) {
            Long[] empty = new Long[QualityPlan.HISTOGRAM_BINS];
            Arrays.fill(empty, 0L);
            return Row.of(rows, acc.currentNulls, null, null, null, null, null, null, empty, null, psi);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        Double[] deciles = new Double[DECILES.length];
        for (int i = 0; i < DECILES.length; i++) {
            deciles[i] = quantile(x, DECILES[i]);
        }
        return Row.of(rows, acc.currentNulls, x[0], quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75),
                x[x.length - 1], sum / x.length, histogram(x), deciles, psi);
    }



    /** Linear interpolation between the two nearest ranks: position p·(n − 1). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Counts in 10 equal-width bins between minimum and maximum (the maximum in the last; all in the first when equal). */
    static Long[] histogram(double[] sorted) {
        Long[] bins = new Long[QualityPlan.HISTOGRAM_BINS];
        Arrays.fill(bins, 0L);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        for (double v : sorted) {
            int bin = max == min ? 0
                    : Math.min(QualityPlan.HISTOGRAM_BINS - 1, (int) Math.floor((v - min) / (max - min) * QualityPlan.HISTOGRAM_BINS));
            bins[bin]++;
        }
        return bins;
    }

    /** PSI of the month against the month before, bins from the latter's deciles (see {@link Drift}). */
    static double psi(double[] current, long currentNulls, double[] previous, long previousNulls) {
        Double[] edges = null;
        if (previous.length > 0) {
            edges = new Double[DECILES.length];
            for (int i = 0; i < DECILES.length; i++) {
                edges[i] = quantile(previous, DECILES[i]);
            }
        }
        Map<Integer, Long> a = bins(current, currentNulls, edges);
        Map<Integer, Long> e = bins(previous, previousNulls, edges);
        long aTotal = current.length + currentNulls;
        long eTotal = previous.length + previousNulls;
        Set<Integer> all = new HashSet<>(a.keySet());
        all.addAll(e.keySet());
        double psi = 0;
        for (int bin : all) {
            psi += Drift.term(a.getOrDefault(bin, 0L), aTotal, e.getOrDefault(bin, 0L), eTotal);
        }
        return psi;
    }

    private static Map<Integer, Long> bins(double[] values, long nulls, Double[] edges) {
        Map<Integer, Long> out = new HashMap<>();
        for (double v : values) {
            out.merge(PsiBin.bin(v, edges), 1L, Long::sum);
        }
        if (nulls > 0) {
            out.merge(PsiBin.bin(null, edges), nulls, Long::sum);
        }
        return out;
    }
}
