package br.com.podcartoes.lake.testing;

import br.com.podcartoes.lake.sample.Planted;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Monthly delivery files joined into one history file, as {@code load-history} takes them. */
public final class HistoryFiles {
    private HistoryFiles() {}

    /**
     * The planted rows a history must leave out, as {@code "<file>:<line>"}: a monthly file quarantines a row
     * of another month ({@code MES_DIVERGENTE}), while a history routes it to its own month.
     */
    public static Set<String> monthlyOnly(List<Planted> planted) {
        return planted.stream().filter(p -> p.outcome().equals("MES_DIVERGENTE"))
                .map(p -> p.file() + ":" + p.line()).collect(Collectors.toSet());
    }

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
