package br.com.podcartoes.lake.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table of a local lake as it reads now: its rows (DuckDB over the current snapshot's files, which
 * Iceberg's own API lists) and its current snapshot id. Taken at two moments, they say whether a lake is
 * back where it was.
 */
public final class LakeState {
    /** The six Iceberg tables, by folder. */
    public static final List<String> TABLES = List.of("curated/tb_faturas", "curated/tb_pagamentos",
            "quarantine/tb_faturas", "quarantine/tb_pagamentos", "refined/book_fatura", "refined/_estado_fatura");

    private LakeState() {}

    /** Folder → its rows, each as '|'-joined values ending in {@code ano|mes}, sorted. */
    public static Map<String, List<String>> rows(Path lake) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (DuckDb db = new DuckDb()) {
            for (String t : TABLES) {
                out.put(t, db.lines("SELECT * FROM " + DuckDb.table(lake, t) + " ORDER BY ALL"));
            }
        }
        return out;
    }

    /** The rows of one month ({@code ano|mes} as DuckDB prints them: {@code 2023|2}), without those two columns. */
    public static List<String> month(List<String> rows, int year, int month) {
        String suffix = "|" + year + "|" + month;
        return rows.stream().filter(r -> r.endsWith(suffix)).map(r -> r.substring(0, r.length() - suffix.length()))
                .sorted().toList();
    }

    /** Catalog table name → its current snapshot id (absent: no snapshot). */
    public static Map<String, Long> snapshots(Path lake) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            for (String t : TABLES) {
                String name = IcebergLake.tableOf(t);
                var s = iceberg.table(name).currentSnapshot();
                if (s != null) {
                    out.put(name, s.snapshotId());
                }
            }
        }
        return out;
    }
}
