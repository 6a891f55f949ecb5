package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.contract.TableContract;

/**
 * The Iceberg tables of the lake: their name in the catalog (the same in the local catalog and in Glue,
 * so Athena and the tests say the same thing) and their folder under the lake root.
 */
public enum LakeTable {
    TB_FATURAS("tb_faturas", "curated/tb_faturas"),
    TB_PAGAMENTOS("tb_pagamentos", "curated/tb_pagamentos"),
    QUARENTENA_TB_FATURAS("quarentena_tb_faturas", "quarantine/tb_faturas"),
    QUARENTENA_TB_PAGAMENTOS("quarentena_tb_pagamentos", "quarantine/tb_pagamentos"),
    BOOK_FATURA(LakeLayout.BOOK_TABLE, "refined/" + LakeLayout.BOOK_TABLE),
    /** Internal per-invoice status behind the book. */
    ESTADO_FATURA("estado_fatura", "refined/_estado_fatura");

    private final String tableName;
    private final String folder;

    LakeTable(String tableName, String folder) {
        this.tableName = tableName;
        this.folder = folder;
    }

    /** The table's name in the catalog. */
    public String tableName() {
        return tableName;
    }

    /** The table's location under the lake root. */
    public String location(LakeLayout lake) {
        return lake.root() + "/" + folder;
    }

    public static LakeTable curated(TableContract t) {
        return t == TableContract.FATURAS ? TB_FATURAS : TB_PAGAMENTOS;
    }

    public static LakeTable quarantine(TableContract t) {
        return t == TableContract.FATURAS ? QUARENTENA_TB_FATURAS : QUARENTENA_TB_PAGAMENTOS;
    }

    public static LakeTable byName(String name) {
        for (LakeTable t : values()) {
            if (t.tableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tabela desconhecida: " + name + " (tabelas: "
                + java.util.Arrays.stream(values()).map(LakeTable::tableName).toList() + ")");
    }
}
