package br.com.podcartoes.lake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Two lakes compared table by table with DuckDB: the same multiset of rows, both ways. */
public final class LakeComparison {
    private LakeComparison() {}

    /**
     * Asserts that {@code columns} of a table hold the same rows in both lakes (partition columns included);
     * returns how many rows were compared.
     */
    public static long assertSameRows(DuckDb db, Path a, Path b, String table, String columns) throws SQLException {
        String left = "SELECT " + columns + ", ano, mes FROM " + DuckDb.table(a, table);
        String right = "SELECT " + columns + ", ano, mes FROM " + DuckDb.table(b, table);
        long rows = db.count("SELECT COUNT(*) FROM (" + left + ")");
        assertEquals(rows, db.count("SELECT COUNT(*) FROM (" + right + ")"), table + ": row count");
        List<String> onlyA = db.lines("SELECT * FROM ((" + left + ") EXCEPT ALL (" + right + ")) LIMIT 5");
        List<String> onlyB = db.lines("SELECT * FROM ((" + right + ") EXCEPT ALL (" + left + ")) LIMIT 5");
        assertTrue(onlyA.isEmpty() && onlyB.isEmpty(), table + " differs: only in " + a + ": " + onlyA + "; only in "
                + b + ": " + onlyB);
        return rows;
    }
}
