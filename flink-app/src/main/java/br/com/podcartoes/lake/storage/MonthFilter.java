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

    public String sql() {
        StringBuilder sb = new StringBuilder("TRUE");
        if (from != null) {
            sb.append(" AND CONCAT(ano, mes) >= '").append(Month.of(from).key()).append('\'');
        }
        if (to != null) {
            sb.append(" AND CONCAT(ano, mes) <= '").append(Month.of(to).key()).append('\'');
        }
        if (!except.isEmpty()) {
            sb.append(" AND CONCAT(ano, mes) NOT IN (")
                    .append(except.stream().map(m -> "'" + Month.of(m).key() + "'").collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sb.toString();
    }
}
