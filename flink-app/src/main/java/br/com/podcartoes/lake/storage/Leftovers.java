package br.com.podcartoes.lake.storage;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.slf4j.LoggerFactory;

/**
 * What an interrupted run leaves behind: Flink's filesystem sink stages a job's files in
 * {@code <table>/.staging_<time>/} and moves them into the partitions only when the job commits, and a run
 * keeps its counts in {@code _runs/<month>/_work/}. A run killed before its commit (SIGKILL, a forced stop,
 * a JobManager failover on Managed Flink) leaves those folders, and the next job that reads the table
 * would take a staging folder for a partition ("incomplete partition spec"). Nothing in them is data:
 * committed partitions are never under a dot or underscore folder. The lake has one writer at a time (the
 * workflow runs one month at a time), so whatever is there before a run starts is a leftover.
 */
public final class Leftovers {
    private Leftovers() {}

    /** Deletes every staging and work folder of the lake; returns what it deleted. */
    public static List<Path> clean(LakeLayout lake) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (String layer : List.of("curated", "quarantine", "refined", "_metrics")) {
            for (FileStatus table : LakeFs.list(new Path(lake.root() + "/" + layer))) {
                if (!table.isDir()) {
                    continue;
                }
                for (FileStatus entry : LakeFs.list(table.getPath())) {
                    if (entry.getPath().getName().startsWith(".staging")) {
                        LakeFs.delete(entry.getPath());
                        deleted.add(entry.getPath());
                    }
                }
            }
        }
        for (FileStatus month : LakeFs.list(new Path(lake.root() + "/_runs"))) {
            Path work = new Path(month.getPath(), "_work");
            if (month.isDir() && LakeFs.exists(work)) {
                LakeFs.delete(work);
                deleted.add(work);
            }
        }
        return deleted;
    }

    /**
     * Removes a run's own work folder, and {@code _runs/<month>/_work} when nothing else is in it, so that
     * no empty folder is left behind after any run. Best effort: a failure here must not hide the run's.
     */
    public static void removeWork(LakeLayout lake, YearMonth month, String runId) {
        Path work = lake.workDir(month, runId);
        try {
            LakeFs.delete(work);
            if (LakeFs.list(work.getParent()).isEmpty()) {
                LakeFs.delete(work.getParent());
            }
        } catch (IOException e) {
            LoggerFactory.getLogger("pod-cartoes").warn("não foi possível apagar {}: {}", work, e.getMessage());
        }
    }
}
