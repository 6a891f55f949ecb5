package br.com.podcartoes.lake.engine;

import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * The connector {@code pod-lake-snapshot}: given data files of a lake table's snapshot (planned by
 * {@link SnapshotFiles}), a {@link SnapshotTableSource} over them. Registered through Java's service
 * loader, as Flink finds every connector.
 */
public final class SnapshotTableFactory implements DynamicTableSourceFactory {
    static final String IDENTIFIER = "pod-lake-snapshot";
    static final ConfigOption<List<String>> FILES = ConfigOptions.key("files").stringType().asList().noDefaultValue()
            .withDescription("The Parquet data files to read.");
    static final ConfigOption<Long> ROWS = ConfigOptions.key("rows").longType().noDefaultValue()
            .withDescription("Their rows, from the snapshot's manifests: the planner's statistics.");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(FILES, ROWS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        RowType type = (RowType) context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType().getLogicalType();
        return new SnapshotTableSource(type, helper.getOptions().get(FILES), helper.getOptions().get(ROWS));
    }
}
