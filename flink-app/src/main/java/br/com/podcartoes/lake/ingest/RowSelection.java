package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.Month;
import java.io.Serializable;
import java.time.YearMonth;

/**
 * Which month each row of a file is curated into ({@code mes_lote}). A monthly file is curated whole
 * into the run's month and each row must be of that month ({@code MES_DIVERGENTE} otherwise). A history
 * file is split by each row's own month; rows whose month cannot be read (bad field count, empty or
 * invalid date) go to the first month of the history, so they are still quarantined and counted once.
 */
public record RowSelection(YearMonth month, boolean history) implements Serializable {

    public static RowSelection monthly(YearMonth month) {
        return new RowSelection(month, false);
    }

    /** @param firstMonth the history's first month, which takes the rows with no readable month */
    public static RowSelection history(YearMonth firstMonth) {
        return new RowSelection(firstMonth, true);
    }

    /** The month the MES_DIVERGENTE rule checks against, or null when it does not apply. */
    public YearMonth enforcedMonth() {
        return history ? null : month;
    }

    /** The month index ({@link Month#index()}) a row of month {@code rowMonth} (null: unreadable) goes to. */
    public int batchMonth(YearMonth rowMonth) {
        return Month.of(history && rowMonth != null ? rowMonth : month).index();
    }
}
