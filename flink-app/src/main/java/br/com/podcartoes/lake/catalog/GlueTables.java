package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Glue definitions of the lake's tables: external Parquet tables partitioned by {@code ano}, {@code mes},
 * in the Hive spelling Athena reads. Pure data, no calls.
 */
public final class GlueTables {
    public static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String TABLE_TYPE = "EXTERNAL_TABLE";
    /** Glue rejects longer column comments. */
    static final int MAX_COMMENT = 255;

    private GlueTables() {}

    public static DatabaseInput database(String name, String lakeRoot) {
        return DatabaseInput.builder()
                .name(name)
                .description("PoD Cartões: tabelas do data lake (curated, quarentena, refined) registradas pelo job Flink")
                .locationUri(lakeRoot + "/")
                .build();
    }

    public static TableInput table(CatalogTable t) {
        return TableInput.builder()
                .name(t.name())
                .description(t.description())
                .tableType(TABLE_TYPE)
                // EXTERNAL: dropping the table never deletes the data; classification: what Glue and Athena show.
                .parameters(Map.of("EXTERNAL", "TRUE", "classification", "parquet"))
                .partitionKeys(columns(LakeTables.PARTITION_COLUMNS))
                .storageDescriptor(storage(t, t.folder()))
                .build();
    }

    public static PartitionInput partition(CatalogTable t, YearMonth month) {
        return PartitionInput.builder()
                .values(CatalogTable.partitionValues(month))
                .storageDescriptor(storage(t, t.partitionFolder(month)))
                .build();
    }

    /** Partitions carry the table's columns and formats too: Athena reads each partition by its own descriptor. */
    static StorageDescriptor storage(CatalogTable t, String location) {
        return StorageDescriptor.builder()
                .columns(columns(t.columns()))
                .location(location)
                .inputFormat(INPUT_FORMAT)
                .outputFormat(OUTPUT_FORMAT)
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary(SERDE)
                        .parameters(Map.of("serialization.format", "1"))
                        .build())
                .build();
    }

    static List<Column> columns(List<TableColumn> columns) {
        return columns.stream().map(GlueTables::column).toList();
    }

    static Column column(TableColumn c) {
        // Glue folds names to lower case while Parquet keeps the writer's: a capital would split the two.
        if (!c.name().equals(c.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("coluna " + c.name() + " deve ser minúscula");
        }
        if (c.description().length() > MAX_COMMENT) {
            throw new IllegalStateException("comentário da coluna " + c.name() + " tem " + c.description().length()
                    + " caracteres; o Glue aceita até " + MAX_COMMENT);
        }
        return Column.builder().name(c.name()).type(c.hiveType()).comment(c.description()).build();
    }
}
