package br.com.podcartoes.lake.contract;

/**
 * One record of a delivered CSV file: one physical line.
 *
 * @param line          physical line of the record (the header is line 1; blank lines count)
 * @param text          the record exactly as written, without its line terminator
 * @param fields        the fields, unquoted and trimmed of spaces and tabs
 * @param unclosedQuote a quoted field was still open at the end of the line (the record is rejected)
 */
public record CsvRecord(long line, String text, String[] fields, boolean unclosedQuote) {
    public CsvRecord(long line, String text, String[] fields) {
        this(line, text, fields, false);
    }
}
