package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import br.com.podcartoes.lake.contract.Month;
import java.time.YearMonth;
import java.util.List;

/**
 * One lake table as a catalog sees it: name, {@code s3://} location of its root folder, data columns
 * (partition columns are always {@link LakeTables#PARTITION_COLUMNS}) and a description.
 *
 * @param location the table's root, without a trailing slash
 */
public record CatalogTable(String name, String location, List<TableColumn> columns, String description) {

    /** The table's folder as Glue and Athena want it: with a trailing slash. */
    public String folder() {
        return location + "/";
    }

    /** The folder of one month's partition ({@code .../ano=2024/mes=01/}). */
    public String partitionFolder(YearMonth month) {
        return location + "/" + LakeLayout.partition(month) + "/";
    }

    /** The partition's values in the order of the partition columns: {@code ["2024", "01"]}. */
    public static List<String> partitionValues(YearMonth month) {
        return Month.of(month).partitionValues();
    }
}
