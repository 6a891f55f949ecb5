package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five tables the pipeline writes, as a catalog registers them, and which of their partitions an
 * update touched. Columns come from the same lists that define the Parquet files ({@link LakeTables},
 * {@link BookSchema}), locations from {@link LakeLayout}.
 */
public final class LakeCatalog {
    private final String root;
    private final CatalogTable faturas;
    private final CatalogTable pagamentos;
    private final CatalogTable quarentenaFaturas;
    private final CatalogTable quarentenaPagamentos;
    private final CatalogTable book;

    /** @param lakeRoot an {@code s3://} (or {@code s3a://}) lake root; anything else is a usage error */
    public LakeCatalog(String lakeRoot) {
        this.root = s3Root(lakeRoot);
        LakeLayout lake = new LakeLayout(root);
        faturas = curated(lake, TableContract.FATURAS,
                "Faturas curadas: contrato validado, sem duplicatas; partição = mês de emissão.");
        pagamentos = curated(lake, TableContract.PAGAMENTOS,
                "Pagamentos curados: contrato validado, sem duplicatas; partição = mês do pagamento.");
        quarentenaFaturas = quarantine(lake, TableContract.FATURAS);
        quarentenaPagamentos = quarantine(lake, TableContract.PAGAMENTOS);
        book = new CatalogTable(LakeLayout.BOOK_TABLE, lake.bookTable(), BookSchema.columns(),
                "Book de Variáveis de Fatura: uma linha por cliente e mês de referência (partição), "
                        + "32 variáveis U1M/U3M/U6M/U12M.");
    }

    /**
     * The lake root as catalogs spell it. Catalogs need {@code s3://} (Athena does not read {@code s3a://}
     * locations); a local folder cannot be registered at all.
     */
    public static String s3Root(String lakeRoot) {
        String root = LakeLayout.normalize(lakeRoot);
        if (root.startsWith("s3a://")) {
            root = "s3://" + root.substring("s3a://".length());
        }
        if (!root.startsWith("s3://") || root.length() <= "s3://".length()) {
            throw new IllegalArgumentException("--catalog glue exige o lake no S3 (--lake s3://bucket/prefixo); "
                    + "recebido: " + lakeRoot + " (use --catalog none para um lake local)");
        }
        return root;
    }

    public String root() {
        return root;
    }

    /** Every table, in registration order: curated, quarantine, book. */
    public List<CatalogTable> tables() {
        return List.of(faturas, pagamentos, quarentenaFaturas, quarentenaPagamentos, book);
    }

    /**
     * The partitions an update wrote, per table: the curated months in the curated and quarantine tables, the book months in the book.
     */
    public Map<CatalogTable, List<YearMonth>> partitions(CatalogRegistrar.Update update) {
        Map<CatalogTable, List<YearMonth>> out = new LinkedHashMap<>();
        if (!update.curatedMonths().isEmpty()) {
            for (CatalogTable t : List.of(faturas, pagamentos, quarentenaFaturas, quarentenaPagamentos)) {
                out.put(t, List.copyOf(update.curatedMonths()));
            }
        }
        List<YearMonth> books = new ArrayList<>(update.bookMonths() == null ? List.of() : update.bookMonths());
        if (!books.isEmpty()) {
            out.put(book, books.stream().distinct().sorted().toList());
        }
        return out;
    }

    private static CatalogTable curated(LakeLayout lake, TableContract table, String description) {
        return new CatalogTable(table.tableName(), lake.curatedTable(table.tableName()), LakeTables.curated(table),
                description);
    }

    private static CatalogTable quarantine(LakeLayout lake, TableContract table) {
        return new CatalogTable(LakeTables.quarantineName(table), lake.quarantineTable(table.tableName()),
                LakeTables.quarantine(), "Linhas de " + table.tableName() + " rejeitadas pelo contrato, com motivo "
                        + "e linha de origem; partição = mês do arquivo.");
    }
}
