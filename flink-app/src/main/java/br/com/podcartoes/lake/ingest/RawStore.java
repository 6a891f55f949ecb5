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

    public static RawFile store(TableContract table, Path source, Path rawDir, Instant arrival) throws IOException {
        // The pass that hashes the file also counts its data lines, for reconciliation (one line, one record).
        LineCounter lines = new LineCounter();
        String sha = LakeFs.sha256(source, lines::update);
        long records = lines.records();
        long size = LakeFs.size(source);
        String name = source.getName();
        Path target = new Path(rawDir, name);
        if (!LakeFs.exists(target)) {
            LakeFs.copy(source, target);
            return new RawFile(table, source, target, size, sha, records, false);
        }
        // Something of that name is already in raw: reuse an identical copy, else keep both.
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        for (FileStatus s : LakeFs.list(rawDir)) {
            String stored = s.getPath().getName();
            if (!s.isDir() && stored.startsWith(base) && LakeFs.sha256(s.getPath()).equals(sha)) {
                return new RawFile(table, source, s.getPath(), size, sha, records, false);
            }
        }
        Path versioned = new Path(rawDir, base + "." + ARRIVAL.format(arrival) + ".csv");
        String copied = LakeFs.copy(source, versioned);
        if (!copied.equals(sha)) {
            throw new IOException(source + " mudou durante a cópia para " + versioned);
        }
        return new RawFile(table, source, versioned, size, sha, records, true);
    }
}
