package br.com.podcartoes.lake.sample;

/**
 * A bad or duplicate row the generator planted on purpose.
 *
 * @param file    the file name
 * @param line    its physical line number (header = 1)
 * @param outcome the reason code it must be quarantined with, or {@link #DUPLICATE} for an exact copy
 */
public record Planted(String file, long line, String outcome) {
    public static final String DUPLICATE = "DUPLICADA";
}
