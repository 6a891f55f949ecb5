package br.com.podcartoes.lake.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuoteTest {
    @Test
    void controlCharactersAreEscapedAndLongTextIsCutSayingHowMuch() {
        assertEquals("a\\x1b[31mb\\x00", Quote.of("a\u001b[31mb\u0000"));
        assertEquals("ok çã \uFFFD", Quote.of("ok çã \uFFFD"), "printable text and the decoder's U+FFFD stay as they are");
        assertEquals("zero\\u200bwidth", Quote.of("zero\u200bwidth"));
        assertEquals("abc… (+7 caracteres cortados)", Quote.of("abcdefghij", 3));
        assertEquals(Quote.MAX + " caracteres cortados", Quote.of("x".repeat(2 * Quote.MAX)).replaceAll(".*\\(\\+", "")
                .replace(")", ""));
    }
}
