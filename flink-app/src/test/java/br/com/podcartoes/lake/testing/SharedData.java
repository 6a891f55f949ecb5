package br.com.podcartoes.lake.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The case's real files, read in place from {@code ../shared/data/pod-cartoes/} (never copied). */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String prop = System.getProperty("shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "data", "pod-cartoes"))) {
            return Path.of(prop, "data", "pod-cartoes").toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("pod-cartoes");
            if (Files.isRegularFile(candidate.resolve("tb_faturas.csv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("real data not found: expected ../shared/data/pod-cartoes beside the checkout");
    }

    public static Path faturas() {
        return dir().resolve("tb_faturas.csv");
    }

    public static Path pagamentos() {
        return dir().resolve("tb_pagamentos.csv");
    }
}
