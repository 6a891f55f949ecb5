package br.com.podcartoes.lake.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids sort by start time and are unique: {@code 20240205T031500Z-7f3a}. */
public final class RunIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {}

    public static String next() {
        return FORMAT.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }
}
