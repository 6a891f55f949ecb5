package br.com.podcartoes.lake.contract;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A month of data, and every way the lake spells it: the partition folder ({@code ano=2024/mes=01}), the
 * catalog's partition values, the {@code YYYYMM} of file names and filters, and the month index
 * ({@code ano * 12 + mês}) the SQL uses to compare and subtract months (one or a list of them). Declared here once so that no two
 * places can spell a month differently.
 */
public record Month(YearMonth value) implements Comparable<Month> {

    public static Month of(YearMonth value) {
        return new Month(value);
    }

    /** {@code ano=2024/mes=01}. */
    public String partitionPath() {
        return "ano=" + year() + "/mes=" + monthOfYear();
    }

    /** The partition values in the order of the partition columns: {@code ["2024", "01"]}. */
    public List<String> partitionValues() {
        return List.of(year(), monthOfYear());
    }

    /** {@code 202401}: file names and the {@code CONCAT(ano, mes)} of partition filters. */
    public String key() {
        return year() + monthOfYear();
    }

    /** {@code ano * 12 + mês}: consecutive months differ by one. */
    public int index() {
        return value.getYear() * 12 + value.getMonthValue();
    }

    /** {@code 24289, 24290}: the indexes of some months, for an SQL {@code IN (...)}. */
    public static String indexes(Collection<YearMonth> months) {
        return months.stream().map(m -> String.valueOf(of(m).index())).collect(Collectors.joining(", "));
    }

    /** The SQL expression of the month index of a DATE expression. */
    public static String indexOf(String dateExpr) {
        return "(YEAR(" + dateExpr + ") * 12 + MONTH(" + dateExpr + "))";
    }

    /**
     * {@code ano} ('2024') and {@code mes} ('01') of the month index in {@code indexExpr}, as two SQL
     * expressions separated by a comma: the partition columns of a dynamic-partition INSERT.
     */
    public static String partitionColumnsOf(String indexExpr) {
        String monthOfYear = "(MOD(" + indexExpr + " - 1, 12) + 1)";
        return "CAST(CAST((" + indexExpr + " - " + monthOfYear + ") / 12 AS INT) AS STRING),"
                + " LPAD(CAST(" + monthOfYear + " AS STRING), 2, '0')";
    }

    /** D: the last day of the month. */
    public LocalDate lastDay() {
        return value.atEndOfMonth();
    }

    private String year() {
        return String.format("%04d", value.getYear());
    }

    private String monthOfYear() {
        return String.format("%02d", value.getMonthValue());
    }

    @Override
    public int compareTo(Month o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
