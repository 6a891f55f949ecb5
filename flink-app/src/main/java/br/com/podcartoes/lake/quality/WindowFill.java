package br.com.podcartoes.lake.quality;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which book windows can be compared with the month before. A window is full at month M when the lake holds
 * curated invoices for every month of it; while it fills, its columns differ from the month before by
 * construction (2023-02's {@code qtd_faturas_u3m} counts two months of invoices, 2023-03's three), so a PSI
 * against the month before measures the lake's age, not the data. The drift of a column is an alert only
 * when its window is full at the month and at the month before (the two books the PSI compares).
 *
 * @param month the month whose drift is measured
 * @param held  the months the lake holds curated invoices for
 */
public record WindowFill(YearMonth month, Set<YearMonth> held) {
    public WindowFill {
        held = Set.copyOf(held);
    }

    /** How a window that cannot be compared stands: months held at the month and at the month before. */
    public record Incomplete(int meses, int mesesAnterior, int janela) {}

    /** Months of window {@code w} ending at {@code at} that the lake holds. */
    public int monthsHeld(Window w, YearMonth at) {
        int n = 0;
        for (int i = 0; i < w.months(); i++) {
            if (held.contains(at.minusMonths(i))) {
                n++;
            }
        }
        return n;
    }

    /** Whether window {@code w} is full at the month and at the month before (false with no month before). */
    public boolean comparable(Window w) {
        return monthsHeld(w, month) == w.months() && monthsHeld(w, month.minusMonths(1)) == w.months();
    }

    /** Book column → how its window stands, for every column whose window cannot be compared yet. */
    public Map<String, Incomplete> incompleteColumns() {
        Map<String, Incomplete> out = new LinkedHashMap<>();
        for (Window w : Window.values()) {
            if (!comparable(w)) {
                Incomplete state = new Incomplete(monthsHeld(w, month), monthsHeld(w, month.minusMonths(1)), w.months());
                BookVariable.ALL.forEach(v -> out.put(v.column(w), state));
            }
        }
        return out;
    }
}
