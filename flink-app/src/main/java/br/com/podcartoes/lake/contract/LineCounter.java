package br.com.podcartoes.lake.contract;

/**
 * Counts a file's data lines from its bytes, by the contract's rules: one physical line is one record,
 * blank lines (only spaces or tabs) and the header (the first non-blank line) are not records, a UTF-8
 * BOM is dropped, LF or CRLF end a line (a lone CR is content, as for {@link CsvRecordReader}). Fed the
 * bytes of the raw copy as they stream by, it gives reconciliation a count that does not come from the
 * parser it checks.
 */
public final class LineCounter {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private long nonBlank;
    private boolean content;
    private boolean pendingCr;
    private int bomMatched;

    public void update(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (bomMatched < BOM.length) {
                if (b == BOM[bomMatched]) {
                    bomMatched++;
                    continue; // part of a leading BOM
                }
                content |= bomMatched > 0; // a BOM that broke off half-way was content
                bomMatched = BOM.length;
            }
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    endLine();
                    continue;
                }
                content = true;
            }
            switch (b) {
                case '\n' -> endLine();
                case '\r' -> pendingCr = true;
                case ' ', '\t' -> { }
                default -> content = true;
            }
        }
    }

    /** Records in the bytes seen so far, as if the file ended here. */
    public long records() {
        long lines = nonBlank + (content || pendingCr ? 1 : 0);
        return Math.max(0, lines - 1);
    }

    private void endLine() {
        if (content) {
            nonBlank++;
        }
        content = false;
    }
}
