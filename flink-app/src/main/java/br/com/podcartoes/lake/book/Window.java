package br.com.podcartoes.lake.book;

/** The rolling windows of the book: the k emission months ending at the reference month. */
public enum Window {
    U1M(1), U3M(3), U6M(6), U12M(12);

    private final int months;

    Window(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    public String suffix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The largest window: how many months of curated history a book reads. */
    public static int longest() {
        return U12M.months;
    }
}
