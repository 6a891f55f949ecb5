package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.contract.Month;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of partitions: months in {@code [from, to]} (either end open when null), minus {@code except}.
 * It answers both in Java (which partition folders exist) and in SQL (a predicate on {@code ano} and
 * {@code mes} only, so Flink prunes the other partitions without reading them).
 */
public record MonthFilter(YearMonth from, YearMonth to, List<YearMonth> except) {

    public MonthFilter {
        except = List.copyOf(except);
    }

    public static MonthFilter between(YearMonth from, YearMonth to) {
        return new MonthFilter(from, to, List.of());
    }

    /** The same months without {@code months} (e.g. those a plan writes itself). */
    public MonthFilter without(Collection<YearMonth> months) {
        return new MonthFilter(from, to, months.stream().toList());
    }

    public boolean test(YearMonth m) {
        return (from == null || !m.isBefore(from)) && (to == null || !m.isAfter(to)) && !except.contains(m);
    }

    /**
     * Comparisons of {@code ano} and {@code mes} themselves (no function around them), so the Iceberg
     * source prunes partitions from its manifests.
     */
    public String sql() {
        StringBuilder sb = new StringBuilder("TRUE");
        if (from != null && from.equals(to)) {
            sb.append(" AND ").append(equal(from));
        } else {
            if (from != null) {
                List<String> v = Month.of(from).partitionValues();
                sb.append(" AND (ano > '").append(v.get(0)).append("' OR (ano = '").append(v.get(0))
                        .append("' AND mes >= '").append(v.get(1)).append("'))");
            }
            if (to != null) {
                List<String> v = Month.of(to).partitionValues();
                sb.append(" AND (ano < '").append(v.get(0)).append("' OR (ano = '").append(v.get(0))
                        .append("' AND mes <= '").append(v.get(1)).append("'))");
            }
        }
        for (YearMonth m : except) {
            sb.append(" AND NOT (").append(equal(m)).append(')');
        }
        return sb.toString();
    }

    private static String equal(YearMonth m) {
        List<String> v = Month.of(m).partitionValues();
        return "ano = '" + v.get(0) + "' AND mes = '" + v.get(1) + "'";
    }
}
