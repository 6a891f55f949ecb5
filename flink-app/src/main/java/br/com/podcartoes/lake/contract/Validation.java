package br.com.podcartoes.lake.contract;

import java.time.YearMonth;

/**
 * The verdict of the row-level rules on one record.
 *
 * @param reason null when the row passed every row-level rule
 * @param detail a human detail for the quarantine (which column, which value)
 * @param values the typed values in contract order (null unless every field typed)
 * @param month  the row's month when its date column parsed (used to route history rows), else null
 */
public record Validation(Reason reason, String detail, Object[] values, YearMonth month) {
    public boolean valid() {
        return reason == null;
    }
}
