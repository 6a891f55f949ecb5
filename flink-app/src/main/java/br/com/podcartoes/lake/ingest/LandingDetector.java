package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.storage.LakeFs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the month's files in the landing area, retrying with exponential backoff. */
public final class LandingDetector {
    private static final Logger LOG = LoggerFactory.getLogger(LandingDetector.class);

    private final int attempts;
    private final Duration firstInterval;

    public LandingDetector(int attempts, Duration firstInterval) {
        this.attempts = Math.max(1, attempts);
        this.firstInterval = firstInterval;
    }

    /** Returns when every file exists; otherwise fails naming every missing file. */
    public void await(List<Path> files) throws IOException, InterruptedException {
        Duration wait = firstInterval;
        List<String> missing = List.of();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            missing = missing(files);
            if (missing.isEmpty()) {
                return;
            }
            if (attempt < attempts) {
                LOG.info("detecção: faltam {} (tentativa {}/{}, nova tentativa em {} s)", missing, attempt, attempts,
                        wait.toMillis() / 1000.0);
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
        throw new MissingFilesException("arquivos ausentes após " + attempts + " tentativa(s): "
                + String.join(", ", missing));
    }

    private static List<String> missing(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            if (!LakeFs.exists(f)) {
                out.add(f.toString());
            }
        }
        return out;
    }

    /** The month's files are not (all) in the landing area. */
    public static final class MissingFilesException extends IOException {
        private static final long serialVersionUID = 1L;

        public MissingFilesException(String message) {
            super(message);
        }
    }
}
