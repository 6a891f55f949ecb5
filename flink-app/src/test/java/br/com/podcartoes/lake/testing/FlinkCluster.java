package br.com.podcartoes.lake.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * One embedded MiniCluster per test class, shared by every job the pipeline submits in it. It is a cluster to the
 * pipeline (as Managed Flink is): the jobs get its parallelism, its slots; {@code --parallelism} is refused there.
 */
public final class FlinkCluster {
    private FlinkCluster() {}

    /** Two slots: the jobs run with parallelism 2. */
    public static MiniClusterExtension extension() {
        return extension(2);
    }

    public static MiniClusterExtension extension(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
