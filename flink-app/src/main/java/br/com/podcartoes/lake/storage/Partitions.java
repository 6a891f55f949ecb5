package br.com.podcartoes.lake.storage;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/** The month partitions ({@code ano=YYYY/mes=MM}) of a table folder, as files. */
public final class Partitions {
    private Partitions() {}

    /** Months that have a partition folder under a table, in order. */
    public static List<YearMonth> existingMonths(String tablePath) throws IOException {
        List<YearMonth> months = new ArrayList<>();
        for (FileStatus year : LakeFs.list(new Path(tablePath))) {
            String y = year.getPath().getName();
            if (!year.isDir() || !y.matches("ano=\\d{4}")) {
                continue;
            }
            for (FileStatus m : LakeFs.list(year.getPath())) {
                String mm = m.getPath().getName();
                if (m.isDir() && mm.matches("mes=\\d{2}")) {
                    months.add(YearMonth.of(Integer.parseInt(y.substring(4)), Integer.parseInt(mm.substring(4))));
                }
            }
        }
        months.sort(null);
        return months;
    }

    /**
     * Deletes a partition that a static {@code INSERT OVERWRITE} just wrote with no rows: Flink leaves the
     * old files in place when the overwrite is empty, so an empty result must empty the partition itself.
     */
    public static void clearIfEmpty(Path partition, long rows) throws IOException {
        if (rows == 0) {
            LakeFs.delete(partition);
        }
    }
}
