package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.LineCounter;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.storage.LakeFs;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * Stores delivered files in the raw layer, untouched and never overwritten. The same bytes delivered
 * again reuse the stored copy; different bytes under the same name are kept beside the old copy with
 * their arrival time in the name, and that copy is the one processed.
 */
public final class RawStore {
    private static final DateTimeFormatter ARRIVAL =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RawStore() {}

    /** @param splitSize about how many bytes each part read in parallel has (see {@link SplitPlan}) */
    public static RawFile store(TableContract table, Path source, Path rawDir, Instant arrival, long splitSize)
            throws IOException {
        // The pass that hashes the file also counts its data lines, for reconciliation (one line, one record),
        // and finds where it may be cut for reading in parallel.
        LineCounter lines = new LineCounter();
        SplitPlan.Cutter cutter = new SplitPlan.Cutter(splitSize);
        String sha = LakeFs.sha256(source, (b, off, len) -> {
            lines.update(b, off, len);
            cutter.update(b, off, len);
        });
        long records = lines.records();
        SplitPlan plan = cutter.plan();
        long size = LakeFs.size(source);
        String name = source.getName();
        Path target = new Path(rawDir, name);
        if (!LakeFs.exists(target)) {
            LakeFs.copy(source, target);
            return new RawFile(table, source, target, size, sha, records, plan, false);
        }
        // Something of that name is already in raw: reuse an identical copy, else keep both.
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        for (FileStatus s : LakeFs.list(rawDir)) {
            String stored = s.getPath().getName();
            if (!s.isDir() && stored.startsWith(base) && LakeFs.sha256(s.getPath()).equals(sha)) {
                return new RawFile(table, source, s.getPath(), size, sha, records, plan, false);
            }
        }
        Path versioned = new Path(rawDir, base + "." + ARRIVAL.format(arrival) + ".csv");
        String copied = LakeFs.copy(source, versioned);
        if (!copied.equals(sha)) {
            throw new IOException(source + " mudou durante a cópia para " + versioned);
        }
        return new RawFile(table, source, versioned, size, sha, records, plan, true);
    }
}
