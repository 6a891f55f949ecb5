package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.contract.ContractField;
import br.com.podcartoes.lake.contract.TableContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the tables the pipeline writes, derived from the contract. The same lists give the Flink
 * DDL, the Glue columns and the Athena DDL, so they cannot drift apart.
 */
public final class LakeTables {
    /** Partition columns of every table: strings so that paths read {@code ano=2024/mes=01}. */
    public static final List<TableColumn> PARTITION_COLUMNS = List.of(
            new TableColumn("ano", "STRING", "Ano da partição (YYYY)."),
            new TableColumn("mes", "STRING", "Mês da partição (MM)."));

    private LakeTables() {}

    public static List<TableColumn> curated(TableContract table) {
        List<TableColumn> cols = new ArrayList<>();
        for (ContractField f : table.fields()) {
            cols.add(new TableColumn(f.name(), f.kind().sqlType(), f.description()));
        }
        cols.add(new TableColumn("arquivo", "STRING", "Arquivo de origem (linhagem)."));
        cols.add(new TableColumn("run_id", "STRING", "Execução que curou a linha (linhagem)."));
        return cols;
    }

    public static List<TableColumn> quarantine() {
        return List.of(
                new TableColumn("arquivo", "STRING", "Arquivo de origem."),
                new TableColumn("linha", "BIGINT", "Linha física no arquivo (o cabeçalho é a linha 1)."),
                new TableColumn("registro", "STRING", "Texto bruto da linha."),
                new TableColumn("motivo", "STRING", "Código do motivo da rejeição."),
                new TableColumn("detalhe", "STRING", "Detalhe legível: coluna e valor."),
                new TableColumn("run_id", "STRING", "Execução que rejeitou a linha."));
    }

    public static String quarantineName(TableContract table) {
        return "quarentena_" + table.tableName();
    }
}
