package br.com.podcartoes.lake.book;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Exact conversions between the contract's DECIMAL amounts and integer cents, on Flink's internal
 * representation. SQL decimal arithmetic runs on BigDecimal (a profile of the book at 1M clients spent
 * most of its time dividing BigDecimals); these are a long read, a long write and integer arithmetic.
 */
public final class CentsFunctions {
    private CentsFunctions() {}

    /** Registers the functions under the names the book's SQL uses. */
    public static void register(TableEnvironment tEnv) {
        tEnv.createTemporarySystemFunction("CENTAVOS", ToCents.class);
        tEnv.createTemporarySystemFunction("REAIS", FromCents.class);
        tEnv.createTemporarySystemFunction("MEDIA_CENTAVOS", AverageCents.class);
        tEnv.createTemporarySystemFunction("DIA_EPOCA", EpochDay.class);
    }

    /** {@code CENTAVOS(DECIMAL(p,2))}: the unscaled value, i.e. the amount in cents. */
    public static final class ToCents extends ScalarFunction {
        public Long eval(@DataTypeHint(value = "DECIMAL(15, 2)", bridgedTo = DecimalData.class) DecimalData amount) {
            return amount == null ? null : amount.toUnscaledLong();
        }
    }

    /** {@code REAIS(BIGINT cents)}: the DECIMAL(18,2) with those cents. */
    public static final class FromCents extends ScalarFunction {
        public @DataTypeHint(value = "DECIMAL(18, 2)", bridgedTo = DecimalData.class) DecimalData eval(Long cents) {
            return cents == null ? null : DecimalData.fromUnscaledLong(cents, 18, 2);
        }
    }

    /** {@code MEDIA_CENTAVOS(sum, n)}: sum / n rounded half-up (ties away from zero); NULL when n = 0. */
    public static final class AverageCents extends ScalarFunction {
        public Long eval(Long sum, Long n) {
            if (sum == null || n == null || n == 0) {
                return null;
            }
            return halfUp(sum, n);
        }
    }

    static long halfUp(long sum, long n) {
        long q = (Math.abs(sum) * 2 + n) / (2 * n);
        return sum < 0 ? -q : q;
    }

    /** {@code DIA_EPOCA(DATE)}: days since 1970-01-01 (Flink's own representation of a DATE). */
    public static final class EpochDay extends ScalarFunction {
        public Integer eval(@DataTypeHint(value = "DATE", bridgedTo = Integer.class) Integer date) {
            return date;
        }
    }
}
