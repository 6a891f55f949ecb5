package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.ContractField;
import br.com.podcartoes.lake.contract.FieldKind;
import br.com.podcartoes.lake.contract.Month;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.engine.IcebergTables;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.engine.Plan;
import br.com.podcartoes.lake.engine.StatsSink;
import br.com.podcartoes.lake.engine.Views;
import br.com.podcartoes.lake.ingest.ContractCsvFormat;
import br.com.podcartoes.lake.ingest.ParsedRows;
import br.com.podcartoes.lake.ingest.PlannedSplits;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.MonthFilter;
import br.com.podcartoes.lake.storage.Partitions;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The curated stage of a plan: the delivered files are parsed and checked row by row in the source, each
 * row tagged with the month it is curated into ({@code mes_lote}); the set-level rules ({@link SetRule})
 * run in SQL; and for each month, curated and quarantine Parquet partitions of each table are written.
 * The accepted rows stay available to later stages of the same plan as {@link #accepted} views.
 *
 * <p>A batch of several months (load-history) gives the same rows as curating its months one after the
 * other: a key accepted in an earlier month of the batch makes later ones {@code CHAVE_JA_EXISTENTE}, and a
 * payment may reference an invoice accepted in its own or an earlier month.
 */
public final class CuratedPlan {
    /** What to curate: the months (ascending), the run, and one input per table (invoices first). */
    public record Batch(List<YearMonth> months, String runId, List<CuratedInput> inputs) {
        public Batch {
            months = List.copyOf(months);
            inputs = List.copyOf(inputs);
        }
    }

    private final LakeLayout lake;

    public CuratedPlan(LakeLayout lake) {
        this.lake = lake;
    }

    /** The view of a table's accepted rows: the contract columns, {@code arquivo} and {@code mes_lote}. */
    public static String accepted(TableContract t) {
        return "accepted_" + t.tableName();
    }

    public void add(Plan plan, Batch batch) throws IOException {
        StreamTableEnvironment tEnv = plan.tableEnv();
        for (CuratedInput input : batch.inputs()) {
            registerSource(plan, input);
        }
        for (CuratedInput input : batch.inputs()) {
            TableContract t = input.table();
            String n = t.tableName();
            registerRules(tEnv, t, batch);
            String curated = IcebergTables.ensure(tEnv, lake, LakeTable.curated(t), LakeTables.curated(t));
            String quarantine = IcebergTables.ensure(tEnv, lake, LakeTable.quarantine(t), LakeTables.quarantine());
            String runId = IcebergTables.literal(batch.runId());
            // One INSERT per table for all the batch's months (dynamic partitions): one Iceberg commit per
            // table per run. Months with no rows are emptied after the job (clearEmpty).
            String months = Month.indexes(batch.months());
            plan.insert("""
                    INSERT OVERWRITE %s
                    SELECT %s, arquivo, %s, %s FROM %s WHERE mes_lote IN (%s)"""
                    .formatted(curated, columnList(t), runId, Month.partitionColumnsOf("mes_lote"), accepted(t), months));
            plan.insert("""
                    INSERT OVERWRITE %s
                    SELECT arquivo, linha, registro, motivo, detalhe, %s, %s FROM rejected_%s WHERE mes_lote IN (%s)"""
                    .formatted(quarantine, runId, Month.partitionColumnsOf("mes_lote"), n, months));
            plan.count(StatsSink.countByMonth("mes_lote", n, "lidas", "parsed_" + n));
            plan.count("""
                    SELECT mes_lote, %s, destino, COALESCE(motivo_final, ''), COUNT(*)
                    FROM classified_%s GROUP BY mes_lote, destino, motivo_final"""
                    .formatted(StatsSink.literal(n), n));
        }
    }

    /** Each month's counts per table, from the job's stats. */
    public static Map<YearMonth, Map<TableContract, TableCounts>> counts(List<StatsSink.Stat> stats, Batch batch) {
        Map<YearMonth, Map<TableContract, TableCounts>> out = new TreeMap<>();
        for (YearMonth m : batch.months()) {
            int index = Month.of(m).index();
            Map<TableContract, TableCounts> tables = new EnumMap<>(TableContract.class);
            for (CuratedInput input : batch.inputs()) {
                String n = input.table().tableName();
                Map<String, Long> total = new HashMap<>();
                Map<String, Long> reasons = new HashMap<>();
                for (StatsSink.Stat s : stats) {
                    if (s.mes() == index && s.tabela().equals(n)) {
                        total.merge(s.categoria(), s.qtd(), Long::sum);
                        if (s.categoria().equals("quarentena")) {
                            reasons.merge(s.motivo(), s.qtd(), Long::sum);
                        }
                    }
                }
                tables.put(input.table(), TableCounts.of(total.getOrDefault("lidas", 0L),
                        total.getOrDefault("curada", 0L), total.getOrDefault("duplicada", 0L), reasons));
            }
            out.put(m, Collections.unmodifiableMap(tables));
        }
        return out;
    }

    /** Empties the months the job wrote with no rows ({@link Partitions#clearEmptied}). */
    public void clearEmpty(Map<YearMonth, Map<TableContract, TableCounts>> counts) throws Exception {
        Map<LakeTable, List<YearMonth>> emptied = new EnumMap<>(LakeTable.class);
        counts.forEach((month, tables) -> tables.forEach((t, c) -> {
            emptied.computeIfAbsent(LakeTable.curated(t), x -> new ArrayList<>());
            emptied.computeIfAbsent(LakeTable.quarantine(t), x -> new ArrayList<>());
            if (c.curadas() == 0) {
                emptied.get(LakeTable.curated(t)).add(month);
            }
            if (c.quarentena() == 0) {
                emptied.get(LakeTable.quarantine(t)).add(month);
            }
        }));
        Partitions.clearEmptied(lake, emptied);
    }

    private static void registerSource(Plan plan, CuratedInput input) {
        FileSource.FileSourceBuilder<Row> builder = FileSource.forRecordStreamFormat(new ContractCsvFormat(
                input.table(), input.fileName(), input.selection(), input.header(), input.plan()), input.file());
        if (input.plan().parts() > 1) {
            builder.setFileEnumerator(new PlannedSplits(input.plan()));
        }
        FileSource<Row> source = builder.build();
        DataStream<Row> rows = plan.session().env()
                .fromSource(source, WatermarkStrategy.noWatermarks(), "ler " + input.fileName())
                .returns(ParsedRows.typeOf(input.table()));
        rows = plan.countRead(rows, input.records());
        plan.tableEnv().createTemporaryView("parsed_" + input.table().tableName(),
                plan.session().tableEnv().fromDataStream(rows));
    }

    /**
     * A linear chain of views per table, ending in {@code classified_<t>}, which gives every line read its
     * destination ({@code curada}, {@code quarentena} or {@code duplicada}) and final reason. Sinks and
     * counts filter that one view, which keeps the plan small (the planner's time grows fast with shared
     * sub-plans).
     */
    private void registerRules(StreamTableEnvironment tEnv, TableContract t, Batch batch) throws IOException {
        String n = t.tableName();
        String key = t.keyField();
        // Keys curated in months outside this batch (the batch's own months are being replaced).
        IcebergTables.view(tEnv, "other_keys_" + n, lake, LakeTable.curated(t), LakeTables.curated(t),
                MonthFilter.between(null, null).without(batch.months()), List.of(key));
        // Only rows that passed the row rules take part in the key rules: others get a NULL key.
        Views.create(tEnv, "keyed_" + n, """
                SELECT *,
                  ROW_NUMBER() OVER (PARTITION BY mes_lote, chave ORDER BY linha) AS ordem,
                  MIN(conteudo) OVER (PARTITION BY mes_lote, chave) AS conteudo_min,
                  MAX(conteudo) OVER (PARTITION BY mes_lote, chave) AS conteudo_max
                FROM (SELECT arquivo, linha, registro, motivo, detalhe, conteudo, mes_lote, %2$s,
                        CASE WHEN motivo IS NULL THEN %3$s END AS chave
                      FROM parsed_%1$s)""".formatted(n, typedColumns(t), key));
        // Semi-join first: the other months' keys stream past a hash set of this batch's keys, so only the
        // (normally zero) keys that exist elsewhere are kept — no hash table of every key ever curated.
        String joins = """
                LEFT JOIN (SELECT DISTINCT %2$s AS chave_existente FROM other_keys_%1$s
                           WHERE %2$s IN (SELECT %2$s FROM parsed_%1$s WHERE motivo IS NULL)) o
                  ON k.chave = o.chave_existente""".formatted(n, key);
        String references = "";
        if (t == TableContract.PAGAMENTOS) {
            registerKnownInvoices(tEnv, batch);
            joins += """

                    LEFT JOIN invoices_known i
                      ON k.chave IS NOT NULL AND k.id_fatura = i.fatura AND i.mes <= k.mes_lote""";
            references = ", i.fatura AS fatura_ref, i.cliente AS cliente_fatura, i.emissao AS emissao_fatura";
        }
        Views.create(tEnv, "joined_" + n, "SELECT k.*, o.chave_existente" + references
                + "\nFROM keyed_" + n + " k\n" + joins);
        Views.create(tEnv, "checked_" + n, "SELECT *, " + firstAcceptedMonth(t, batch)
                + " AS primeiro_mes_aceito FROM joined_" + n);
        Views.shared(tEnv, "classified_" + n, """
                SELECT *,
                  CASE WHEN motivo_final IS NOT NULL THEN 'quarentena' WHEN ordem > 1 THEN 'duplicada'
                  ELSE 'curada' END AS destino
                FROM (SELECT arquivo, linha, registro, ordem, mes_lote, %2$s,
                        %3$s AS motivo_final,
                        %4$s AS detalhe_final
                      FROM checked_%1$s)""".formatted(n, columnList(t), ladder(t, "motivo", false),
                ladder(t, "detalhe", true)));
        Views.create(tEnv, accepted(t), "SELECT " + columnList(t)
                + ", arquivo, mes_lote FROM classified_" + n + " WHERE destino = 'curada'");
        Views.create(tEnv, "rejected_" + n, "SELECT arquivo, linha, registro, mes_lote,"
                + " motivo_final AS motivo, detalhe_final AS detalhe FROM classified_" + n
                + " WHERE destino = 'quarentena'");
    }

    /**
     * The CASE of the rules in order: the row-level reason, the rules within the month, exact duplicates
     * (no reason: dropped and counted), then the rules against other data.
     */
    private static String ladder(TableContract t, String rowColumn, boolean detail) {
        StringBuilder sb = new StringBuilder("CASE WHEN motivo IS NOT NULL THEN " + rowColumn);
        boolean duplicates = false;
        for (SetRule r : SetRule.of(t)) {
            if (!duplicates && r.stage() != SetRule.Stage.WITHIN_MONTH) {
                sb.append("\n    WHEN ordem > 1 THEN CAST(NULL AS STRING)");
                duplicates = true;
            }
            sb.append("\n    WHEN ").append(r.condition(t)).append(" THEN ")
                    .append(detail ? r.detail(t) : StatsSink.literal(r.reason().name()));
        }
        return sb.append(" END").toString();
    }

    /**
     * In a batch of several months, the first month whose row of a key would be accepted were it alone:
     * later months' rows of that key are then CHAVE_JA_EXISTENTE, as if the months ran one after the other.
     * A single month has no earlier one.
     */
    private static String firstAcceptedMonth(TableContract t, Batch batch) {
        if (batch.months().size() == 1) {
            return "CAST(NULL AS INT)";
        }
        String acceptable = "motivo IS NULL AND ordem = 1 AND chave_existente IS NULL"
                + SetRule.of(t).stream().filter(r -> r != SetRule.CHAVE_JA_EXISTENTE)
                        .map(r -> " AND NOT COALESCE(" + r.condition(t) + ", FALSE)")
                        .collect(Collectors.joining());
        return "MIN(CASE WHEN " + acceptable + " THEN mes_lote END) OVER (PARTITION BY chave)";
    }

    /**
     * Invoices a payment may reference, with the month they are curated in: curated in months outside the
     * batch up to its last month, or accepted in this batch (the join keeps those of the payment's month or
     * earlier).
     */
    private void registerKnownInvoices(TableEnvironment tEnv, Batch batch) throws IOException {
        TableContract f = TableContract.FATURAS;
        YearMonth last = batch.months().get(batch.months().size() - 1);
        String earlier = "earlier_" + f.tableName();
        IcebergTables.view(tEnv, earlier, lake, LakeTable.curated(f), LakeTables.curated(f),
                MonthFilter.between(null, last).without(batch.months()),
                List.of("id_fatura", "id_cliente", "data_emissao"));
        // Earlier invoices are first reduced to those the payments name (a semi-join probing a hash set of
        // the payments' references), so the lookup does not build a table of every invoice ever.
        Views.create(tEnv, "invoices_known", """
                SELECT id_fatura AS fatura, id_cliente AS cliente, data_emissao AS emissao, CAST(%1$s AS INT) AS mes
                FROM %2$s
                WHERE id_fatura IN (SELECT id_fatura FROM parsed_%3$s WHERE motivo IS NULL)
                UNION ALL SELECT id_fatura, id_cliente, data_emissao, mes_lote FROM %4$s"""
                .formatted(Month.indexOf("data_emissao"), earlier, TableContract.PAGAMENTOS.tableName(), accepted(f)));
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
}
