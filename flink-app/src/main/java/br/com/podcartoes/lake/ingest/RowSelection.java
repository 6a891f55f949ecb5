package br.com.podcartoes.lake.ingest;

import java.io.Serializable;
import java.time.YearMonth;

/**
 * Which rows of a file belong to the month being curated. A monthly file is curated whole and each row
 * must be of the run's month ({@code MES_DIVERGENTE} otherwise). A history file is split by each row's
 * own month; rows whose month cannot be read (bad field count, empty or invalid date) go to the first
 * month of the history, so they are still quarantined and counted exactly once.
 */
public record RowSelection(YearMonth month, boolean history, boolean takeUndated) implements Serializable {

    public static RowSelection monthly(YearMonth month) {
        return new RowSelection(month, false, false);
    }

    public static RowSelection history(YearMonth month, boolean firstMonth) {
        return new RowSelection(month, true, firstMonth);
    }

    /** The month the MES_DIVERGENTE rule checks against, or null when it does not apply. */
    public YearMonth enforcedMonth() {
        return history ? null : month;
    }

    public boolean selects(YearMonth rowMonth) {
        if (!history) {
            return true;
        }
        return rowMonth == null ? takeUndated : rowMonth.equals(month);
    }
}
