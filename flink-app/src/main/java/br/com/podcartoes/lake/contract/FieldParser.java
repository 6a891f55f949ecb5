package br.com.podcartoes.lake.contract;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Strict parsers for the contract's syntax. Flink's TRY_CAST is lenient ('125O' becomes 125, a date in
 * year 125 passes), so every field is checked against its exact pattern here before it is typed.
 * Each method returns null when the text is not of its kind.
 */
public final class FieldParser {
    private static final BigDecimal DECIMAL_15_2_LIMIT = new BigDecimal("10000000000000"); // 10^13

    private FieldParser() {}

    public static Object parse(FieldKind kind, String text) {
        return switch (kind) {
            case TEXT -> text;
            case INTEGER -> parseInteger(text);
            case DATE -> parseDate(text);
            case AMOUNT -> parseAmount(text);
        };
    }

    /** {@code -?[0-9]+} within BIGINT's range. */
    public static Long parseInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || !allDigits(s, start, s.length())) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** {@code -?[0-9]+(\.[0-9]{1,2})?} within DECIMAL(15,2), with scale 2. */
    public static BigDecimal parseAmount(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int dot = s.indexOf('.');
        int intEnd = dot < 0 ? s.length() : dot;
        if (intEnd == start || !allDigits(s, start, intEnd)) {
            return null;
        }
        if (dot >= 0) {
            int decimals = s.length() - dot - 1;
            if (decimals < 1 || decimals > 2 || !allDigits(s, dot + 1, s.length())) {
                return null;
            }
        }
        BigDecimal value = new BigDecimal(s).setScale(2);
        return value.abs().compareTo(DECIMAL_15_2_LIMIT) < 0 ? value : null;
    }

    /** {@code yyyy-MM-dd}, and the day must exist in the calendar. */
    public static LocalDate parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || !allDigits(s, 0, 4) || !allDigits(s, 5, 7) || !allDigits(s, 8, 10)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                    Integer.parseInt(s, 8, 10, 10));
        } catch (DateTimeException notInCalendar) {
            return null;
        }
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The pattern of a kind, for quarantine details. */
    public static String describe(FieldKind kind) {
        return switch (kind) {
            case TEXT -> "texto";
            case INTEGER -> "inteiro -?[0-9]+ no intervalo de BIGINT";
            case DATE -> "data yyyy-MM-dd existente no calendário";
            case AMOUNT -> "valor -?[0-9]+(.[0-9]{1,2})? dentro de DECIMAL(15,2)";
        };
    }
}
