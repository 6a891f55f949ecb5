package br.com.podcartoes.lake.storage;

import java.util.EnumMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** The current snapshot of each of the lake's tables: what a run's report records before and after it. */
public final class Snapshots {
    private Snapshots() {}

    /** Table → current snapshot id; tables with none (not created, or never written) are left out. */
    public static Map<LakeTable, Long> current(LakeLayout lake) throws Exception {
        Map<LakeTable, Long> out = new EnumMap<>(LakeTable.class);
        if (!lake.catalog().mayHaveTables()) {
            return out;
        }
        try (IcebergCatalog.Session catalog = lake.catalog().open()) {
            for (LakeTable t : LakeTable.values()) {
                Table table = catalog.tableOrNull(t);
                Snapshot s = table == null ? null : table.currentSnapshot();
                if (s != null) {
                    out.put(t, s.snapshotId());
                }
            }
        }
        return out;
    }
}
