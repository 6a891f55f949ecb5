package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.LakeFs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Counts written by the same job as the data, as one more sink of its statement set (so they describe
 * exactly the rows the other sinks received), into a small JSON file the driver reads back.
 */
public final class StatsSink {
    /** One count: month index, table, category (lidas, curada, duplicada, quarentena, linhas) and reason. */
    public record Stat(int mes, String tabela, String categoria, String motivo, long qtd) {}

    static final String TABLE = "run_stats";

    private StatsSink() {}

    static void declare(TableEnvironment tEnv, Path dir) {
        tEnv.createTemporaryTable(TABLE, TableDescriptor.forConnector("filesystem")
                .schema(Schema.newBuilder().column("mes", "INT").column("tabela", "STRING").column("categoria", "STRING")
                        .column("motivo", "STRING").column("qtd", "BIGINT").build())
                .option("path", dir.toString())
                .format("json")
                .build());
    }

    /**
     * {@code SELECT <month>, <table>, <category>, <reason>, COUNT(*) FROM <from> GROUP BY <month>}: rows of
     * {@code from} per month, {@code monthExpr} being a month index column or literal.
     */
    public static String countByMonth(String monthExpr, String table, String category, String from) {
        return "SELECT " + monthExpr + ", " + literal(table) + ", " + literal(category) + ", CAST('' AS STRING),"
                + " COUNT(*) FROM " + from + " GROUP BY " + monthExpr;
    }

    /** A STRING literal (Flink types bare literals as CHAR(n), which a UNION would pad). */
    public static String literal(String s) {
        return "CAST('" + s.replace("'", "''") + "' AS STRING)";
    }

    static List<Stat> read(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Stat> out = new ArrayList<>();
        for (Path file : LakeFs.dataFiles(dir)) {
            for (String line : LakeFs.readString(file).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    out.add(new Stat(row.get("mes").asInt(), row.get("tabela").asText(), row.get("categoria").asText(),
                            row.path("motivo").asText(""), row.get("qtd").asLong()));
                }
            }
        }
        return out;
    }
}
