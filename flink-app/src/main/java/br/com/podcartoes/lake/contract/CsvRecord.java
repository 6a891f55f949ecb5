package br.com.podcartoes.lake.contract;

/**
 * One record of a delivered CSV file.
 *
 * @param line   physical line where the record starts (the header is line 1; blank lines count)
 * @param text   the record exactly as written, without its line terminator
 * @param fields the fields, unquoted and trimmed of spaces and tabs
 */
public record CsvRecord(long line, String text, String[] fields) {}
