package br.com.podcartoes.lake.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the pipeline's flow, engine plumbing low and the command line on top: a package may
 * import only the packages before it here, so a maintainer reads the flow one way.
 */
class PackageFlowTest {
    static final List<String> FLOW = List.of("config", "contract", "storage", "engine", "ingest", "curated", "book",
            "quality", "catalog", "report", "pipeline", "sample", "cli");
    static final Path SOURCES = Path.of("src/main/java/br/com/podcartoes/lake");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?br\\.com\\.podcartoes\\.lake\\.([a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyPackageHasItsPlaceInTheFlow() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(FLOW), packages);
    }

    @Test
    void noPackageImportsOneThatComesLaterInTheFlow() throws IOException {
        List<String> backwards = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imported = m.group(1);
                    if (!imported.equals(pkg) && FLOW.indexOf(imported) > FLOW.indexOf(pkg)) {
                        backwards.add(SOURCES.relativize(f) + " imports " + imported);
                    }
                }
            }
        }
        assertTrue(backwards.isEmpty(), "imports against the flow " + FLOW + ": " + backwards);
    }
}
