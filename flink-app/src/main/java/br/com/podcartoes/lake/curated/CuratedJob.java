package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.ContractField;
import br.com.podcartoes.lake.contract.FieldKind;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.ingest.ContractCsvFormat;
import br.com.podcartoes.lake.ingest.ParsedRows;
import br.com.podcartoes.lake.lake.LakeFs;
import br.com.podcartoes.lake.lake.LakeLayout;
import br.com.podcartoes.lake.lake.LakeTables;
import br.com.podcartoes.lake.lake.MonthFilter;
import br.com.podcartoes.lake.lake.PartitionedTables;
import br.com.podcartoes.lake.pipeline.FlinkSession;
import br.com.podcartoes.lake.pipeline.StatsSink;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The curated stage of one month as a single Flink batch job: both files are parsed and checked row by
 * row in the source, then set-level rules run in SQL (exact duplicates, conflicting keys, keys already
 * curated, payment references), and one statement set writes five sinks: curated and quarantine Parquet
 * for each table, and the counts used for reconciliation.
 */
public final class CuratedJob {
    private final LakeLayout lake;
    private final int parallelism;

    public CuratedJob(LakeLayout lake, int parallelism) {
        this.lake = lake;
        this.parallelism = parallelism;
    }

    public Map<TableContract, TableCounts> run(YearMonth month, String runId, List<CuratedInput> inputs)
            throws Exception {
        FlinkSession session = FlinkSession.create(parallelism);
        StreamTableEnvironment tEnv = session.tableEnv();
        Path statsDir = new Path(lake.workDir(month, runId), "stats");
        StatementSet sinks = tEnv.createStatementSet();
        List<String> statsQueries = new ArrayList<>();
        for (CuratedInput input : inputs) {
            registerSource(session, input);
        }
        for (CuratedInput input : inputs) {
            TableContract t = input.table();
            String n = t.tableName();
            registerSetRules(tEnv, t, month);
            PartitionedTables.declare(tEnv, "curated_" + n, lake.curatedTable(n), LakeTables.curated(t));
            PartitionedTables.declare(tEnv, "quarantine_" + n, lake.quarantineTable(n), LakeTables.quarantine());
            sinks.addInsertSql("INSERT OVERWRITE curated_" + n + " PARTITION (" + PartitionedTables.partitionSpec(month) + ") SELECT "
                    + columnList(t) + ", arquivo, " + PartitionedTables.literal(runId) + " FROM accepted_" + n);
            sinks.addInsertSql("INSERT OVERWRITE quarantine_" + n + " PARTITION (" + PartitionedTables.partitionSpec(month)
                    + ") SELECT arquivo, linha, registro, motivo, detalhe, " + PartitionedTables.literal(runId) + " FROM rejected_" + n);
            statsQueries.add(statsQuery(n));
        }
        StatsSink.declare(tEnv, "run_stats", statsDir);
        sinks.addInsertSql("INSERT INTO run_stats " + String.join("\nUNION ALL\n", statsQueries));
        FlinkSession.execute(sinks, "curated " + month);

        Map<TableContract, TableCounts> counts = readStats(statsDir, inputs);
        for (CuratedInput input : inputs) {
            String n = input.table().tableName();
            PartitionedTables.clearIfEmpty(lake.partitionDir(lake.curatedTable(n), month),
                    counts.get(input.table()).curadas());
            PartitionedTables.clearIfEmpty(lake.partitionDir(lake.quarantineTable(n), month),
                    counts.get(input.table()).quarentena());
        }
        LakeFs.delete(lake.workDir(month, runId));
        return counts;
    }

    private void registerSource(FlinkSession session, CuratedInput input) {
        FileSource<Row> source = FileSource
                .forRecordStreamFormat(new ContractCsvFormat(input.table(), input.fileName(), input.selection()),
                        input.file())
                .build();
        DataStream<Row> rows = session.env().fromSource(source, WatermarkStrategy.noWatermarks(), "ler " + input.fileName())
                .returns(ParsedRows.typeOf(input.table()));
        session.tableEnv().createTemporaryView("parsed_" + input.table().tableName(),
                session.tableEnv().fromDataStream(rows));
    }

    /**
     * One linear view per table, {@code classified_<t>}, that gives every line read its destination
     * ({@code curada}, {@code quarentena} or {@code duplicada}) and final reason. Sinks and counts filter
     * this one view, which keeps the plan small (the planner's time grows fast with shared sub-plans).
     */
    private void registerSetRules(StreamTableEnvironment tEnv, TableContract t, YearMonth month) throws IOException {
        String n = t.tableName();
        String key = t.keyField();
        String otherKeys = "other_keys_" + n;
        PartitionedTables.view(tEnv, otherKeys, lake.curatedTable(n), LakeTables.curated(t), MonthFilter.allBut(month),
                List.of(key));
        // Only rows that passed the row rules take part in the key rules: others get a NULL key.
        tEnv.executeSql("CREATE TEMPORARY VIEW keyed_" + n + " AS SELECT *,"
                + " ROW_NUMBER() OVER (PARTITION BY chave ORDER BY linha) AS ordem,"
                + " MIN(conteudo) OVER (PARTITION BY chave) AS conteudo_min,"
                + " MAX(conteudo) OVER (PARTITION BY chave) AS conteudo_max"
                + " FROM (SELECT arquivo, linha, registro, motivo, detalhe, conteudo, " + typedColumns(t) + ","
                + " CASE WHEN motivo IS NULL THEN " + key + " END AS chave FROM parsed_" + n + ")");
        // Semi-join first: the other months' keys stream past a hash set of this month's keys, so only the
        // (normally zero) keys that exist elsewhere are kept — no hash table of every key ever curated.
        String joins = " LEFT JOIN (SELECT DISTINCT " + key + " AS chave_existente FROM " + otherKeys
                + " WHERE " + key + " IN (SELECT " + key + " FROM parsed_" + n + " WHERE motivo IS NULL)) o"
                + " ON k.chave = o.chave_existente";
        String rules = "WHEN k.motivo IS NOT NULL THEN k.motivo"
                + " WHEN k.conteudo_min <> k.conteudo_max THEN 'CHAVE_CONFLITANTE'"
                + " WHEN k.ordem > 1 THEN CAST(NULL AS STRING)"
                + " WHEN o.chave_existente IS NOT NULL THEN 'CHAVE_JA_EXISTENTE'";
        String details = "WHEN k.motivo IS NOT NULL THEN k.detalhe"
                + " WHEN k.conteudo_min <> k.conteudo_max THEN CONCAT('" + key + "=', k.chave, ' aparece com conteúdos diferentes')"
                + " WHEN k.ordem > 1 THEN CAST(NULL AS STRING)"
                + " WHEN o.chave_existente IS NOT NULL THEN CONCAT('" + key + "=', k.chave, ' já curado em outro mês')";
        if (t == TableContract.PAGAMENTOS) {
            registerKnownInvoices(tEnv, month);
            joins += " LEFT JOIN invoices_known i ON k.chave IS NOT NULL AND k.id_fatura = i.fatura";
            rules += " WHEN i.fatura IS NULL THEN 'FATURA_INEXISTENTE'"
                    + " WHEN i.cliente <> k.id_cliente THEN 'CLIENTE_DIVERGENTE'"
                    + " WHEN k.data_pagamento < i.emissao THEN 'PAGAMENTO_ANTES_DA_EMISSAO'";
            details += " WHEN i.fatura IS NULL THEN CONCAT('id_fatura=', k.id_fatura, ' não existe nas faturas curadas')"
                    + " WHEN i.cliente <> k.id_cliente THEN CONCAT('id_cliente=', CAST(k.id_cliente AS STRING),"
                    + "   ' mas a fatura ', k.id_fatura, ' é do cliente ', CAST(i.cliente AS STRING))"
                    + " WHEN k.data_pagamento < i.emissao THEN CONCAT('data_pagamento=', CAST(k.data_pagamento AS STRING),"
                    + "   ' antes da emissão da fatura em ', CAST(i.emissao AS STRING))";
        }
        tEnv.executeSql("CREATE TEMPORARY VIEW classified_" + n + " AS SELECT *,"
                + " CASE WHEN motivo_final IS NOT NULL THEN 'quarentena' WHEN ordem > 1 THEN 'duplicada'"
                + " ELSE 'curada' END AS destino FROM ("
                + " SELECT k.arquivo, k.linha, k.registro, k.ordem, " + prefixed(t, "k") + ","
                + " CASE " + rules + " END AS motivo_final, CASE " + details + " END AS detalhe_final"
                + " FROM keyed_" + n + " k" + joins + ")");
        tEnv.executeSql("CREATE TEMPORARY VIEW accepted_" + n + " AS SELECT * FROM classified_" + n
                + " WHERE destino = 'curada'");
        tEnv.executeSql("CREATE TEMPORARY VIEW rejected_" + n + " AS SELECT arquivo, linha, registro,"
                + " motivo_final AS motivo, detalhe_final AS detalhe FROM classified_" + n + " WHERE destino = 'quarentena'");
    }

    /** Invoices a payment may reference: curated in earlier months, or accepted in this same run. */
    private void registerKnownInvoices(StreamTableEnvironment tEnv, YearMonth month) throws IOException {
        String earlier = "earlier_tb_faturas";
        PartitionedTables.view(tEnv, earlier, lake.curatedTable("tb_faturas"), LakeTables.curated(TableContract.FATURAS),
                MonthFilter.before(month), List.of("id_fatura", "id_cliente", "data_emissao"));
        // Earlier invoices are first reduced to those this month's payments name (a semi-join probing a hash
        // set of the payments' references), so the lookup does not build a table of every invoice ever.
        tEnv.executeSql("CREATE TEMPORARY VIEW invoices_known (fatura, cliente, emissao) AS"
                + " SELECT id_fatura, id_cliente, data_emissao FROM " + earlier
                + " WHERE id_fatura IN (SELECT id_fatura FROM parsed_tb_pagamentos WHERE motivo IS NULL)"
                + " UNION ALL SELECT id_fatura, id_cliente, data_emissao FROM accepted_tb_faturas");
    }

    private static String prefixed(TableContract t, String alias) {
        return t.fields().stream().map(f -> alias + "." + f.name()).collect(Collectors.joining(", "));
    }

    private static String typedColumns(TableContract t) {
        return t.fields().stream()
                .map(f -> f.kind() == FieldKind.AMOUNT
                        ? "CAST(" + f.name() + " AS DECIMAL(15,2)) AS " + f.name() : f.name())
                .collect(Collectors.joining(", "));
    }

    private static String columnList(TableContract t) {
        return t.fields().stream().map(ContractField::name).collect(Collectors.joining(", "));
    }

    private static String statsQuery(String n) {
        return StatsSink.count(n, "lidas", "CAST('' AS STRING)", "parsed_" + n)
                + "\nUNION ALL SELECT CAST('" + n + "' AS STRING), destino, COALESCE(motivo_final, ''), COUNT(*)"
                + " FROM classified_" + n + " GROUP BY destino, motivo_final";
    }

    private static Map<TableContract, TableCounts> readStats(Path dir, List<CuratedInput> inputs) throws IOException {
        List<StatsSink.Stat> stats = StatsSink.read(dir);
        Map<TableContract, TableCounts> out = new EnumMap<>(TableContract.class);
        for (CuratedInput input : inputs) {
            String n = input.table().tableName();
            Map<String, Long> total = new HashMap<>();
            Map<String, Long> reasons = new HashMap<>();
            for (StatsSink.Stat s : stats) {
                if (s.tabela().equals(n)) {
                    total.merge(s.categoria(), s.qtd(), Long::sum);
                    if (s.categoria().equals("quarentena")) {
                        reasons.merge(s.motivo(), s.qtd(), Long::sum);
                    }
                }
            }
            out.put(input.table(), TableCounts.of(total.getOrDefault("lidas", 0L), total.getOrDefault("curada", 0L),
                    total.getOrDefault("duplicada", 0L), reasons));
        }
        return out;
    }
}
