package br.com.podcartoes.lake.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.apache.flink.table.data.DecimalData;
import org.junit.jupiter.api.Test;

class CentsFunctionsTest {

    @Test
    void averageRoundsHalfUpLikeBigDecimal() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long n = 1 + random.nextInt(i % 2 == 0 ? 12 : 5000);
            long sum = random.nextLong() % 10_000_000_000L;
            long expected = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).longValueExact();
            assertEquals(expected, CentsFunctions.halfUp(sum, n), sum + " / " + n);
        }
        assertEquals(2, CentsFunctions.halfUp(3, 2));      // 1.5 -> 2
        assertEquals(-2, CentsFunctions.halfUp(-3, 2));    // -1.5 -> -2 (away from zero, as ROUND)
        assertEquals(1, CentsFunctions.halfUp(4, 3));      // 1.33 -> 1
        assertNull(new CentsFunctions.AverageCents().eval(10L, 0L));
    }

    @Test
    void centsRoundTripIsExact() {
        DecimalData amount = DecimalData.fromBigDecimal(new BigDecimal("9999999999999.99"), 15, 2);
        long cents = new CentsFunctions.ToCents().eval(amount);
        assertEquals(999_999_999_999_999L, cents);
        assertEquals(new BigDecimal("9999999999999.99"), new CentsFunctions.FromCents().eval(cents).toBigDecimal());
        assertEquals(new BigDecimal("-0.05"), new CentsFunctions.FromCents().eval(-5L).toBigDecimal());
        assertNull(new CentsFunctions.ToCents().eval(null));
    }
}
