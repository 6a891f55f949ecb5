package br.com.podcartoes.lake.contract;

/**
 * How a message or report field shows text that came from a delivered file: at most {@link #MAX} characters,
 * control and non-printable characters escaped ({@code \x1b}, {@code \u200b}), and how much was cut. A
 * random binary file once became a 542 KB "header" in one log line, full of ESC bytes that garbled the
 * operator's terminal, and a 706 KB {@code erro} in the report.
 */
public final class Quote {
    public static final int MAX = 200;

    private Quote() {}

    /** The text escaped and cut to {@link #MAX} characters. */
    public static String of(String text) {
        return of(text, MAX);
    }

    public static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < max) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.append(String.format("\\u%04x", cp));
            }
        }
        if (i < text.length()) {
            sb.append("… (+").append(text.codePointCount(i, text.length())).append(" caracteres cortados)");
        }
        return sb.toString();
    }

    /**
     * A whole message that may quote input in several places: each part is already quoted where it is
     * built, this is the last guard (escaped, and cut at {@code 4 × MAX}).
     */
    public static String limit(String message) {
        return of(message, 4 * MAX);
    }

    private static boolean printable(int cp) {
        if (cp == 0xFFFD) {
            return true; // the reader's replacement for malformed UTF-8: harmless, and says what happened
        }
        int type = Character.getType(cp);
        return !Character.isISOControl(cp) && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
