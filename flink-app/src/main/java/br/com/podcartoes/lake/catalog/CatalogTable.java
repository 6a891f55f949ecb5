package br.com.podcartoes.lake.catalog;

import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import java.util.List;

/**
 * One lake table as Athena's DDL declares it: name, {@code s3://} location (the Iceberg table's own, where
 * the job creates it) and data columns (the partition columns are always {@link LakeTables#PARTITION_COLUMNS}).
 *
 * @param location the table's root, without a trailing slash
 */
public record CatalogTable(String name, String location, List<TableColumn> columns) {}
