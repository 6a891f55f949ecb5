package br.com.podcartoes.lake.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<CsvRecord> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRecord> read(byte[] bytes) throws Exception {
        List<CsvRecord> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(bytes))) {
            CsvRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    @Test
    void bomIsDroppedAndCrLfEndsLines() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        List<CsvRecord> recs = read(all);
        assertEquals(2, recs.size());
        assertArrayEquals(new String[] {"a", "b"}, recs.get(0).fields());
        assertArrayEquals(new String[] {"1", "2"}, recs.get(1).fields());
        assertEquals("1,2", recs.get(1).text());
    }

    @Test
    void blankLinesAreSkippedButCounted() throws Exception {
        List<CsvRecord> recs = read("h1,h2\n\n  \t \nx,y\n\ny,z");
        assertEquals(3, recs.size());
        assertEquals(1, recs.get(0).line());
        assertEquals(4, recs.get(1).line());
        assertEquals(6, recs.get(2).line());
        assertArrayEquals(new String[] {"y", "z"}, recs.get(2).fields(), "last line without newline");
    }

    @Test
    void quotedFieldsAreUnquotedThenTrimmed() throws Exception {
        List<CsvRecord> recs = read("\"id\", \"v\" \n\" a,b \",\"say \"\"hi\"\"\"\n");
        assertArrayEquals(new String[] {"id", "v"}, recs.get(0).fields());
        assertArrayEquals(new String[] {"a,b", "say \"hi\""}, recs.get(1).fields());
        assertEquals("\" a,b \",\"say \"\"hi\"\"\"", recs.get(1).text(), "raw text kept as written");
    }

    @Test
    void aQuoteOpenAtTheEndOfALineEndsThatRecordAndTheNextLineIsReadFresh() throws Exception {
        // One line, one record: no contract field can hold a line break.
        List<CsvRecord> recs = read("a,b\n\"multi\nline\",2\r\nx,\"open\r\nnext,3\n\"eof");
        assertEquals(6, recs.size());
        assertTrue(recs.get(1).unclosedQuote());
        assertEquals(2, recs.get(1).line());
        assertEquals("\"multi", recs.get(1).text());
        assertFalse(recs.get(2).unclosedQuote());
        assertEquals(3, recs.get(2).line());
        assertTrue(recs.get(3).unclosedQuote(), "CRLF ends an open quote too");
        assertEquals("x,\"open", recs.get(3).text());
        assertArrayEquals(new String[] {"next", "3"}, recs.get(4).fields());
        assertEquals(5, recs.get(4).line());
        assertTrue(recs.get(5).unclosedQuote(), "open at the end of the file");
        assertFalse(recs.get(0).unclosedQuote());
    }

    @Test
    void spacesAndTabsAreTrimmedButEmptyFieldsStay() throws Exception {
        List<CsvRecord> recs = read("a,b,c\n\t1 , ,3\t\n");
        assertArrayEquals(new String[] {"1", "", "3"}, recs.get(1).fields());
    }

    @Test
    void emptyInputHasNoRecords() throws Exception {
        assertEquals(0, read("").size());
        assertEquals(0, read("\n \n").size());
        try (CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(new byte[0]))) {
            assertNull(r.next());
        }
    }
}
