package br.com.podcartoes.localcluster.configrule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** AWS's list of the keys a program may change (one a line, '#' comments), read from a file. */
record Allowlist(Path file, Set<String> keys) {
    static Allowlist read(Path file) throws IOException {
        Set<String> keys = Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (keys.isEmpty()) {
            throw new IOException("msf-config-rule: no key in " + file);
        }
        return new Allowlist(file.toAbsolutePath(), keys);
    }

    boolean allows(String key) {
        return Keys.coveredBy(key, keys);
    }
}
