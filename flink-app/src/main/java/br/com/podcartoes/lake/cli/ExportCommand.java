package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.storage.IcebergCatalog;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.TableExport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Grava o mês de uma tabela como está agora ou como estava (--as-of, --snapshot) num CSV ou"
                + " Parquet, sem job Flink.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, paramLabel = "TABELA",
            description = "tb_faturas, tb_pagamentos, quarentena_tb_faturas, quarentena_tb_pagamentos, book_fatura ou"
                    + " estado_fatura.")
    String table;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Mês (partição ano/mes).")
    YearMonth month;

    @Option(names = "--as-of", paramLabel = "INSTANTE",
            description = "A tabela como estava nesse instante: 2024-03-05T10:00:00Z, com fuso (-03:00) ou sem (UTC),"
                    + " ou só a data (início do dia, UTC).")
    String asOf;

    @Option(names = "--snapshot", paramLabel = "ID",
            description = "A tabela nesse snapshot (os relatórios trazem o de antes e o de depois de cada execução).")
    Long snapshot;

    @Option(names = "--out", required = true, paramLabel = "ARQUIVO.csv|ARQUIVO.parquet",
            description = "Arquivo de saída; a extensão escolhe o formato.")
    String out;

    @Mixin
    LakeOptions where;

    @Override
    public Integer call() throws Exception {
        if (asOf != null && snapshot != null) {
            throw new IllegalArgumentException("use --as-of ou --snapshot, não os dois");
        }
        LakeTable lakeTable = LakeTable.byName(table);
        TableExport.Format.of(out);
        Instant instant = asOf == null ? null : instant(asOf);
        LakeLayout lake = LakeLayout.of(where.prepareExisting());
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            Table t = catalog.tableOrNull(lakeTable);
            if (t == null) {
                throw new IllegalArgumentException("o lake " + lake.root() + " não tem a tabela " + table);
            }
            Snapshot s = TableExport.snapshot(t, snapshot, instant);
            TableExport.Result r = TableExport.export(t, s, month, out);
            System.out.printf("export: %s %s do snapshot %d (commit de %s): %d %s em %s%n", table, month, r.snapshotId(),
                    r.committedAt(), r.rows(), r.rows() == 1 ? "linha" : "linhas", out);
        }
        return 0;
    }

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--as-of " + text + " não é um instante (ex.: 2024-03-05T10:00:00Z)");
                }
            }
        }
    }
}
