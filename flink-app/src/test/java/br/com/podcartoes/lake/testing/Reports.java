package br.com.podcartoes.lake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads the run reports a test's runs wrote. */
public final class Reports {
    private Reports() {}

    /** The newest report of a month ({@code _runs/YYYY-MM/<run_id>.json}; run ids sort by time). */
    public static JsonNode latest(Path lake, String month) throws IOException {
        List<JsonNode> all = all(lake, month);
        return all.stream().max(Comparator.comparing(j -> j.path("inicio").asText())).orElseThrow();
    }

    public static List<JsonNode> all(Path lake, String month) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(lake.resolve("_runs").resolve(month))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> {
                        try {
                            return json.readTree(p.toFile());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        }
    }
}
