package br.com.podcartoes.lake.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Monthly delivery files joined into one history file, as {@code load-history} takes them. */
public final class HistoryFiles {
    private HistoryFiles() {}

    /**
     * {@code <table>_historico.csv} in {@code out}: the header once, then the data lines of the monthly files
     * {@code from..to} in order, leaving out the lines named in {@code skip} as {@code "<file>:<line>"}.
     */
    public static Path concatenate(Path landing, String table, YearMonth from, YearMonth to, Set<String> skip, Path out)
            throws Exception {
        List<String> all = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            String name = String.format("%s_%04d%02d.csv", table, m.getYear(), m.getMonthValue());
            List<String> lines = Files.readAllLines(landing.resolve(name), StandardCharsets.UTF_8);
            if (all.isEmpty()) {
                all.add(lines.get(0));
            }
            for (int i = 1; i < lines.size(); i++) {
                if (!skip.contains(name + ":" + (i + 1))) {
                    all.add(lines.get(i));
                }
            }
        }
        return Files.write(Files.createDirectories(out).resolve(table + "_historico.csv"), all, StandardCharsets.UTF_8);
    }
}
