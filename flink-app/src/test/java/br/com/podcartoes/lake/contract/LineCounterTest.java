package br.com.podcartoes.lake.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineCounterTest {
    /** The counter agrees with the reader (records after the header), however the bytes are chunked. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                            | 0",
        "h                             | 0",
        "h\\n                          | 0",
        "h\\na\\nb                     | 2",
        "h\\r\\na\\r\\n\\r\\n \\t\\r\\nb\\r\\n | 2",
        "\\n\\nh\\n\\na                | 1",
        "h\\n\"x\\ny\"\\n              | 2",
        "h\\na\\rb\\n                  | 1",
        "h\\n\\r                       | 1",
        "\\ufeffh\\na                  | 1",
        "\\ufeff                       | 0",
    })
    void countsDataLinesLikeTheReader(String escaped, long expected) throws Exception {
        String text = escaped.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
                .replace("\\ufeff", "\ufeff");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= Math.max(1, bytes.length); chunk++) {
            LineCounter counter = new LineCounter();
            for (int i = 0; i < bytes.length; i += chunk) {
                counter.update(bytes, i, Math.min(chunk, bytes.length - i));
            }
            assertEquals(expected, counter.records(), escaped + " in chunks of " + chunk);
        }
        long records = 0;
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes))) {
            while (reader.next() != null) {
                records++;
            }
        }
        assertEquals(expected, Math.max(0, records - 1), "the reader agrees on " + escaped);
    }
}
