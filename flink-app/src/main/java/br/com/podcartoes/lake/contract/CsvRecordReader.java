package br.com.podcartoes.lake.contract;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads records as the data contract defines them: one physical line, one record; comma separated, fields
 * optionally in double quotes (a quoted field may hold commas and doubled quotes), UTF-8 with or without
 * a BOM, LF or CRLF endings, last line with or without a final newline. Blank lines (only spaces or
 * tabs) are skipped but still counted, so {@link CsvRecord#line()} is the physical line of the file.
 *
 * <p>No contract field (ids, amounts, dates) can hold a line break, so unlike RFC 4180 a quote still open
 * at the end of a line ends the record there, flagged {@link CsvRecord#unclosedQuote()}: one stray quote
 * once made the reader swallow 150 lines into one quarantined record that reconciliation could not see.
 */
public final class CsvRecordReader implements Closeable {
    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long nextLine = 1;
    private boolean started;

    private final StringBuilder raw = new StringBuilder(128);
    private final StringBuilder field = new StringBuilder(32);
    private final List<String> fields = new ArrayList<>(8);

    public CsvRecordReader(InputStream in) {
        this(in, 1, true);
    }

    /**
     * A reader that starts part-way through a file, right after a line break: {@code firstLine} is the
     * physical line it starts at, and a BOM is only recognized at the file's start.
     */
    public CsvRecordReader(InputStream in, long firstLine, boolean atFileStart) {
        // Malformed bytes become U+FFFD, so the row is rejected by its field rules rather than the file.
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.nextLine = firstLine;
        this.started = !atFileStart;
    }

    /** The next non-blank record, or {@code null} at the end of the file. */
    public CsvRecord next() throws IOException {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            CsvRecord record = readRecord();
            if (record != null) {
                return record;
            }
        }
    }

    /** Reads one physical record; returns null when it was a blank line. */
    private CsvRecord readRecord() throws IOException {
        long line = nextLine;
        raw.setLength(0);
        field.setLength(0);
        fields.clear();
        boolean inQuotes = false;
        boolean quoted = false;
        boolean sawQuote = false;
        while (true) {
            int c = read();
            if (c == EOF) {
                break;
            }
            if (inQuotes) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        raw.append("\"\"");
                        field.append('"');
                    } else {
                        raw.append('"');
                        inQuotes = false;
                    }
                    continue;
                }
                if (c == '\n' || (c == '\r' && peek() == '\n')) {
                    if (c == '\r') {
                        read();
                    }
                    nextLine++;
                    fields.add(finishField());
                    return new CsvRecord(line, raw.toString(), fields.toArray(new String[0]), true);
                }
                raw.append((char) c);
                field.append((char) c);
                continue;
            }
            if (c == '\n' || (c == '\r' && peek() == '\n')) {
                if (c == '\r') {
                    read();
                }
                nextLine++;
                break;
            }
            raw.append((char) c);
            if (c == ',') {
                fields.add(finishField());
                quoted = false;
            } else if (c == '"' && !quoted && isBlank(field)) {
                // Opening quote (spaces before it are dropped with the trim that follows anyway).
                field.setLength(0);
                inQuotes = true;
                quoted = true;
                sawQuote = true;
            } else {
                field.append((char) c);
            }
        }
        if (!sawQuote && fields.isEmpty() && isBlank(raw)) {
            return null;
        }
        fields.add(finishField());
        return new CsvRecord(line, raw.toString(), fields.toArray(new String[0]), inQuotes);
    }

    private String finishField() {
        String value = trim(field);
        field.setLength(0);
        return value;
    }

    /** Trims spaces and tabs only (not other whitespace), as the contract says. */
    static String trim(CharSequence s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpaceOrTab(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpaceOrTab(s.charAt(end - 1))) {
            end--;
        }
        return s.subSequence(start, end).toString();
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpaceOrTab(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            pos++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos >= len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return EOF;
            }
            if (!started) {
                started = true;
                if (buf[0] == '\uFEFF') {
                    pos = 1;
                    return peek();
                }
            }
        }
        return buf[pos];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
