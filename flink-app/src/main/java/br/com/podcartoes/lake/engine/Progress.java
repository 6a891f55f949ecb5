package br.com.podcartoes.lake.engine;

import java.time.Duration;
import java.util.Locale;

/**
 * One progress line of a running job: rows read so far out of the data lines counted in raw, and an
 * estimate of the time left to read them (at the rate so far). Reading is the part of the job whose size
 * is known in advance; the joins and the book come after it.
 */
public record Progress(long read, long total, Duration elapsed) {
    /** Seconds between progress lines; a system property lets tests ask for more. */
    static Duration interval() {
        return Duration.ofMillis(Math.round(1000 * Double.parseDouble(System.getProperty("pod.progress.seconds", "10"))));
    }

    public String line() {
        long seconds = elapsed.toSeconds();
        if (total <= 0) {
            return String.format(Locale.ROOT, "progresso: %d linhas lidas, %d s", read, seconds);
        }
        double share = Math.min(1.0, (double) read / total);
        String left;
        if (read >= total) {
            left = "leitura concluída; o job segue (regras de conjunto, gravação, book)";
        } else if (read == 0) {
            left = "iniciando a leitura";
        } else {
            long remaining = Math.round(elapsed.toMillis() / 1000.0 * (total - read) / read);
            left = "faltam ~" + remaining + " s de leitura";
        }
        return String.format(Locale.ROOT, "progresso: %d de %d linhas lidas (%.0f%%), %d s; %s", read, total,
                100 * share, seconds, left);
    }
}
