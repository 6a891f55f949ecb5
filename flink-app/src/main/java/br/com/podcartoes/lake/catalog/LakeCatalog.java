package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import java.util.List;

/**
 * The five tables analysts query (the internal {@code estado_fatura} is not one), as Athena sees them.
 * Columns come from the same lists that define the Iceberg tables ({@link LakeTables}, {@link BookSchema}),
 * names and locations from {@link LakeTable}.
 */
public final class LakeCatalog {
    private final String root;
    private final List<CatalogTable> tables;

    /** @param lakeRoot an {@code s3://} (or {@code s3a://}) lake root; anything else is a usage error */
    public LakeCatalog(String lakeRoot) {
        this.root = s3Root(lakeRoot);
        LakeLayout lake = new LakeLayout(root);
        tables = List.of(
                table(lake, LakeTable.TB_FATURAS, LakeTables.curated(TableContract.FATURAS)),
                table(lake, LakeTable.TB_PAGAMENTOS, LakeTables.curated(TableContract.PAGAMENTOS)),
                table(lake, LakeTable.QUARENTENA_TB_FATURAS, LakeTables.quarantine()),
                table(lake, LakeTable.QUARENTENA_TB_PAGAMENTOS, LakeTables.quarantine()),
                table(lake, LakeTable.BOOK_FATURA, BookSchema.columns()));
    }

    /**
     * The lake root as Athena spells it: {@code s3://} (Athena does not read {@code s3a://} locations); a
     * local folder has no Athena DDL at all.
     */
    public static String s3Root(String lakeRoot) {
        String root = LakeLayout.normalize(lakeRoot);
        if (root.startsWith("s3a://")) {
            root = "s3://" + root.substring("s3a://".length());
        }
        if (!root.startsWith("s3://") || root.length() <= "s3://".length()) {
            throw new IllegalArgumentException("o DDL do Athena precisa da raiz do lake no S3 (s3://bucket/prefixo); "
                    + "recebido: " + lakeRoot);
        }
        return root;
    }

    public String root() {
        return root;
    }

    /** Every table, in order: curated, quarantine, book. */
    public List<CatalogTable> tables() {
        return tables;
    }

    private static CatalogTable table(LakeLayout lake, LakeTable t, List<TableColumn> columns) {
        return new CatalogTable(t.tableName(), t.location(lake), columns);
    }
}
