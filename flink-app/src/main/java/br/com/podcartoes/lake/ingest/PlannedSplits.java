package br.com.podcartoes.lake.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * Flink's file enumerator for one delivered file cut where its {@link SplitPlan} says (Flink's own
 * enumerators cut by filesystem block, mid-line, and lose the line numbers).
 */
public record PlannedSplits(SplitPlan plan) implements FileEnumerator.Provider {
    private static final long serialVersionUID = 1L;

    @Override
    public FileEnumerator create() {
        return (paths, minDesiredSplits) -> {
            Collection<FileSourceSplit> splits = new ArrayList<>();
            for (Path path : paths) {
                FileStatus status = path.getFileSystem().getFileStatus(path);
                List<Long> starts = plan.starts();
                for (int i = 0; i < starts.size(); i++) {
                    long start = starts.get(i);
                    splits.add(new FileSourceSplit(path.getName() + "#" + i, path, start, plan.endOf(i) - start,
                            status.getModificationTime(), status.getLen()));
                }
            }
            return splits;
        };
    }
}
