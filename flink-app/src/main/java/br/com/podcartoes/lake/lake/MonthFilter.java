package br.com.podcartoes.lake.lake;

import java.time.YearMonth;

/**
 * A set of partitions: months in {@code [from, to]} (either end open when null), minus {@code except}.
 * It answers both in Java (which partition folders exist) and in SQL (a predicate on {@code ano} and
 * {@code mes} only, so Flink prunes the other partitions without reading them).
 */
public record MonthFilter(YearMonth from, YearMonth to, YearMonth except) {

    public static MonthFilter allBut(YearMonth month) {
        return new MonthFilter(null, null, month);
    }

    public static MonthFilter before(YearMonth month) {
        return new MonthFilter(null, month.minusMonths(1), null);
    }

    public static MonthFilter between(YearMonth from, YearMonth to) {
        return new MonthFilter(from, to, null);
    }

    public boolean test(YearMonth m) {
        return (from == null || !m.isBefore(from)) && (to == null || !m.isAfter(to))
                && (except == null || !m.equals(except));
    }

    public String sql() {
        StringBuilder sb = new StringBuilder("TRUE");
        if (from != null) {
            sb.append(" AND CONCAT(ano, mes) >= '").append(key(from)).append('\'');
        }
        if (to != null) {
            sb.append(" AND CONCAT(ano, mes) <= '").append(key(to)).append('\'');
        }
        if (except != null) {
            sb.append(" AND CONCAT(ano, mes) <> '").append(key(except)).append('\'');
        }
        return sb.toString();
    }

    private static String key(YearMonth m) {
        return String.format("%04d%02d", m.getYear(), m.getMonthValue());
    }
}
