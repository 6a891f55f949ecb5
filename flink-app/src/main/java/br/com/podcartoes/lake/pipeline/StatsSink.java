package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.lake.LakeFs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Counts written by the same job as the data, as one more sink of its statement set (so they describe
 * exactly the rows the other sinks received), into a small JSON file the driver reads back.
 */
public final class StatsSink {
    /** One count: table, category (lidas, curadas, duplicadas, quarentena, linhas) and reason. */
    public record Stat(String tabela, String categoria, String motivo, long qtd) {}

    private StatsSink() {}

    public static void declare(StreamTableEnvironment tEnv, String name, Path dir) {
        tEnv.executeSql("CREATE TEMPORARY TABLE " + name + " (tabela STRING, categoria STRING, motivo STRING,"
                + " qtd BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + dir + "', 'format' = 'json')");
    }

    /** {@code SELECT <table>, <category>, <reason expr>, COUNT(*) FROM <from>} with STRING literals. */
    public static String count(String table, String category, String reasonExpr, String from) {
        return "SELECT CAST('" + table + "' AS STRING), CAST('" + category + "' AS STRING), " + reasonExpr
                + ", COUNT(*) FROM " + from;
    }

    public static List<Stat> read(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Stat> out = new ArrayList<>();
        for (Path file : LakeFs.dataFiles(dir)) {
            for (String line : LakeFs.readString(file).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    out.add(new Stat(row.get("tabela").asText(), row.get("categoria").asText(),
                            row.path("motivo").asText(""), row.get("qtd").asLong()));
                }
            }
        }
        return out;
    }
}
