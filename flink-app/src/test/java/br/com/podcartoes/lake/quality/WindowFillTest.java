package br.com.podcartoes.lake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookVariable;
import br.com.podcartoes.lake.book.Window;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WindowFillTest {
    private static Set<YearMonth> months(String from, String to) {
        Set<YearMonth> out = new TreeSet<>();
        for (YearMonth m = YearMonth.parse(from); !m.isAfter(YearMonth.parse(to)); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    @Test
    void aLakeStartedIn2023JanuaryComparesEachWindowFromTheMonthAfterItFills() {
        Set<YearMonth> held = months("2023-01", "2024-01");
        // U1M holds 1 month from 2023-01, so 2023-02 compares two full windows; U3M fills at 2023-03 and is
        // compared from 2023-04; U6M from 2023-07; U12M from 2024-01 (2023-12 is its first full month).
        assertFalse(new WindowFill(YearMonth.of(2023, 1), held).comparable(Window.U1M), "no month before");
        assertTrue(new WindowFill(YearMonth.of(2023, 2), held).comparable(Window.U1M));
        assertFalse(new WindowFill(YearMonth.of(2023, 3), held).comparable(Window.U3M));
        assertTrue(new WindowFill(YearMonth.of(2023, 4), held).comparable(Window.U3M));
        assertFalse(new WindowFill(YearMonth.of(2023, 6), held).comparable(Window.U6M));
        assertTrue(new WindowFill(YearMonth.of(2023, 7), held).comparable(Window.U6M));
        assertFalse(new WindowFill(YearMonth.of(2023, 12), held).comparable(Window.U12M));
        assertTrue(new WindowFill(YearMonth.of(2024, 1), held).comparable(Window.U12M));
    }

    @Test
    void aMissingMonthEmptiesEveryWindowThatCoversIt() {
        Set<YearMonth> held = months("2022-01", "2023-12");
        held.remove(YearMonth.of(2023, 5));
        WindowFill june = new WindowFill(YearMonth.of(2023, 6), held);
        assertEquals(1, june.monthsHeld(Window.U1M, YearMonth.of(2023, 6)));
        assertEquals(2, june.monthsHeld(Window.U3M, YearMonth.of(2023, 6)));
        assertEquals(11, june.monthsHeld(Window.U12M, YearMonth.of(2023, 6)));
        assertFalse(june.comparable(Window.U1M), "May, the month before, is missing");
        assertTrue(new WindowFill(YearMonth.of(2023, 7), held).comparable(Window.U1M));
        assertFalse(new WindowFill(YearMonth.of(2023, 7), held).comparable(Window.U3M));
        assertTrue(new WindowFill(YearMonth.of(2023, 9), held).comparable(Window.U3M));
        assertFalse(new WindowFill(YearMonth.of(2024, 4), held).comparable(Window.U12M), "2024-04 not held");
    }

    @Test
    void everyColumnOfAFillingWindowIsListedWithItsMonths() {
        Map<String, WindowFill.Incomplete> incomplete =
                new WindowFill(YearMonth.of(2023, 3), months("2023-01", "2023-03")).incompleteColumns();
        assertEquals(3 * BookVariable.ALL.size(), incomplete.size(), "U3M, U6M and U12M: " + incomplete.keySet());
        assertEquals(new WindowFill.Incomplete(3, 2, 3), incomplete.get("qtd_faturas_u3m"));
        assertEquals(new WindowFill.Incomplete(3, 2, 12), incomplete.get("dias_atraso_max_u12m"));
        assertFalse(incomplete.containsKey("qtd_faturas_u1m"));
    }
}
