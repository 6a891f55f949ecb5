package br.com.podcartoes.lake.quality;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/**
 * {@code ESTATISTICAS_<fonte>(valores, atual)}: every statistic of every measured column of one source and
 * month in one pass — count, nulls, minimum, exact quartiles and deciles (linear interpolation between the
 * two nearest ranks, as DuckDB's {@code quantile_cont}), maximum, mean, the 10-bin equal-width histogram
 * and the PSI against the month before. {@code valores} is one source row (one element per column, in the
 * order given to the constructor); the group's rows are the month's ({@code atual = 1}) and the month
 * before's ({@code atual = 0}); the PSI bins are the deciles of the latter ({@link PsiBin}, {@link Drift}).
 *
 * <p>Wide on purpose: one input row per source row, not per value. Exploding each book row into 32 rows
 * (and the month before's book too) shuffled ~64M rows at 1M clients and was most of the job's time.
 */
@FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = ColumnStats.Acc.class),
        output = @DataTypeHint("ARRAY<ROW<coluna STRING, qtd BIGINT, nulos BIGINT, minimo DOUBLE, p25 DOUBLE,"
                + " mediana DOUBLE, p75 DOUBLE, maximo DOUBLE, media DOUBLE, histograma ARRAY<BIGINT>,"
                + " decis ARRAY<DOUBLE>, psi DOUBLE>>"))
public final class ColumnStats extends AggregateFunction<Row[], ColumnStats.Acc> {
    static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private final String[] columns;

    public ColumnStats(List<String> columns) {
        this.columns = columns.toArray(String[]::new);
    }

    /** The function's name for a source (a table of the lake). */
    public static String name(String source) {
        return "ESTATISTICAS_" + source.toUpperCase(java.util.Locale.ROOT);
    }

    /** Per column: the values and nulls of the month and of the month before. */
    public static final class Acc implements java.io.Serializable {
        Values[] current;
        long[] currentNulls;
        Values[] previous;
        long[] previousNulls;

        Acc() {}

        Acc(int columns) {
            current = new Values[columns];
            previous = new Values[columns];
            for (int i = 0; i < columns; i++) {
                current[i] = new Values();
                previous[i] = new Values();
            }
            currentNulls = new long[columns];
            previousNulls = new long[columns];
        }
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

        /** The values, sorted, in a new array. */
        double[] sorted() {
            double[] x = Arrays.copyOf(data, size);
            Arrays.sort(x);
            return x;
        }
    }

    @Override
    public Acc createAccumulator() {
        return new Acc(columns.length);
    }

    public void accumulate(Acc acc, @DataTypeHint("ARRAY<DOUBLE>") Double[] values, Integer current) {
        boolean mine = current != null && current == 1;
        Values[] into = mine ? acc.current : acc.previous;
        long[] nulls = mine ? acc.currentNulls : acc.previousNulls;
        for (int i = 0; i < columns.length; i++) {
            if (values[i] == null) {
                nulls[i]++;
            } else {
                into[i].add(values[i]);
            }
        }
    }

    // No merge(), on purpose: without it the planner cannot split these aggregations into a local and a final
    // phase. The accumulator holds every value of its columns (exact quantiles), so a partial one is shipped as
    // one record: at 1M clients the book's exceeded the sort buffer's 64 MB ("The record exceeds the maximum size
    // of a sort buffer") once the job ran with the planner's default AUTO strategy instead of ONE_PHASE, an
    // option Managed Flink 2.2 refuses from a program (issue #21).

    @Override
    public Row[] getValue(Acc acc) {
        Row[] out = new Row[columns.length];
        for (int i = 0; i < columns.length; i++) {
            double[] previous = acc.previous[i].sorted();
            out[i] = column(columns[i], acc.current[i].sorted(), acc.currentNulls[i], previous, acc.previousNulls[i]);
        }
        return out;
    }

    /** One column's statistics, given its sorted values and nulls of the month and of the month before. */
    static Row column(String name, double[] x, long nulls, double[] previous, long previousNulls) {
        long rows = x.length + nulls;
        Double psi = previous.length == 0 && previousNulls == 0 ? null : psi(x, nulls, previous, previousNulls);
        if (x.length == 0) {
            Long[] empty = new Long[QualityPlan.HISTOGRAM_BINS];
            Arrays.fill(empty, 0L);
            return Row.of(name, rows, nulls, null, null, null, null, null, null, empty, null, psi);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return Row.of(name, rows, nulls, x[0], quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75),
                x[x.length - 1], sum / x.length, histogram(x), boxed(deciles(x)), psi);
    }

    /** Linear interpolation between the two nearest ranks: position p·(n − 1). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    static double[] deciles(double[] sorted) {
        double[] out = new double[DECILES.length];
        for (int i = 0; i < DECILES.length; i++) {
            out[i] = quantile(sorted, DECILES[i]);
        }
        return out;
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

    /**
     * PSI of the month against the month before, bins from the latter's deciles ({@link PsiBin}'s rule,
     * {@link Drift}'s term): both arrays are sorted, so each bin's count is a difference of two positions.
     */
    static double psi(double[] current, long currentNulls, double[] previous, long previousNulls) {
        double[] edges = previous.length == 0 ? new double[0] : Arrays.stream(deciles(previous)).distinct().toArray();
        long[] a = binCounts(current, edges);
        long[] e = binCounts(previous, edges);
        long aTotal = current.length + currentNulls;
        long eTotal = previous.length + previousNulls;
        double psi = Drift.term(currentNulls, aTotal, previousNulls, eTotal);
        for (int bin = 0; bin < a.length; bin++) {
            psi += Drift.term(a[bin], aTotal, e[bin], eTotal);
        }
        return psi;
    }

    /** Counts per bin i = (edge i-1, edge i] of sorted values (edges sorted and distinct; bin 0 is ≤ the first). */
    static long[] binCounts(double[] sorted, double[] edges) {
        long[] out = new long[edges.length + 1];
        int from = 0;
        for (int i = 0; i < edges.length; i++) {
            int to = upperBound(sorted, edges[i]);
            out[i] = to - from;
            from = to;
        }
        out[edges.length] = sorted.length - from;
        return out;
    }

    /** The first position whose value is greater than {@code v}. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
