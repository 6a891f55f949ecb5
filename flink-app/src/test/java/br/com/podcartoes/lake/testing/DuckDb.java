package br.com.podcartoes.lake.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB over JDBC: the independent reader that proves Athena-style engines see the right data. */
public final class DuckDb implements AutoCloseable {
    private final Connection conn;

    public DuckDb() throws SQLException {
        conn = DriverManager.getConnection("jdbc:duckdb:");
    }

    /**
     * The current snapshot of the lake's Iceberg table at a folder ({@code curated/tb_faturas}): its data
     * files, listed by Iceberg's own API ({@link IcebergLake}), read by DuckDB.
     */
    public static String table(Path lake, String layerAndTable) {
        try (IcebergLake iceberg = new IcebergLake(lake)) {
            return iceberg.duckDbRelation(IcebergLake.tableOf(layerAndTable));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Each row as a '|'-joined string: easy to compare as sets. */
    public List<String> lines(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : rows(sql)) {
            out.add(String.join("|", r.values().stream().map(String::valueOf).toList()));
        }
        return out;
    }

    public long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
    }

    /** Column name to DuckDB type of a query's result. */
    public Map<String, String> schema(String from) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("DESCRIBE SELECT * FROM " + from)) {
            out.put((String) r.get("column_name"), (String) r.get("column_type"));
        }
        return out;
    }

    public void execute(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
