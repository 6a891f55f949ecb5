package br.com.podcartoes.lake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * Where a delivered file may be cut so that several tasks read it at once, with the contract still exact:
 * every cut is right after a line break (a record is one physical line, so no record spans two parts), and
 * each part knows the physical line it starts at, so quarantine line numbers stay those of the file.
 *
 * @param starts byte offset of each part, ascending, the first 0
 * @param lines  physical line number at each start (1 for the first)
 * @param size   the file's size in bytes
 */
public record SplitPlan(List<Long> starts, List<Long> lines, long size) implements Serializable {

    public SplitPlan {
        starts = List.copyOf(starts);
        lines = List.copyOf(lines);
    }

    /** One part: the whole file. */
    public static SplitPlan whole(long size) {
        return new SplitPlan(List.of(0L), List.of(1L), size);
    }

    /**
     * Cuts after the first line break at or past every {@code splitSize} bytes, counting line breaks on the
     * way (one sequential read). A file no larger than {@code splitSize} stays whole without being read.
     */
    public static SplitPlan scan(Path file, long splitSize) throws IOException {
        long size = file.getFileSystem().getFileStatus(file).getLen();
        if (splitSize <= 0 || size <= splitSize) {
            return whole(size);
        }
        Cutter cutter = new Cutter(splitSize);
        byte[] buf = new byte[1 << 20];
        try (InputStream in = file.getFileSystem().open(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                cutter.update(buf, 0, n);
            }
        }
        return cutter.plan();
    }

    /**
     * Finds the cuts from the bytes as they stream past, so the pass that stores a delivery in raw (and
     * hashes it) plans its parts too, without reading the file again.
     */
    public static final class Cutter {
        private final long splitSize;
        private final List<Long> starts = new ArrayList<>(List.of(0L));
        private final List<Long> lines = new ArrayList<>(List.of(1L));
        private long newlines;
        private long pos;
        private long next;

        public Cutter(long splitSize) {
            this.splitSize = splitSize;
            this.next = splitSize;
        }

        public void update(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    newlines++;
                    long after = pos + (i - offset) + 1;
                    if (after >= next) {
                        starts.add(after);
                        lines.add(newlines + 1);
                        next = after + splitSize;
                    }
                }
            }
            pos += length;
        }

        /** The plan of the bytes seen (a cut at the very end would be an empty part: dropped). */
        public SplitPlan plan() {
            if (starts.get(starts.size() - 1) >= pos && starts.size() > 1) {
                starts.remove(starts.size() - 1);
                lines.remove(lines.size() - 1);
            }
            return new SplitPlan(starts, lines, pos);
        }
    }

    public int parts() {
        return starts.size();
    }

    /** The physical line number at a part's start offset. */
    public long lineAt(long start) {
        int i = starts.indexOf(start);
        if (i < 0) {
            throw new IllegalArgumentException("no part of the plan starts at byte " + start + ": " + starts);
        }
        return lines.get(i);
    }

    /** The end (exclusive) of the part that starts at {@code start}. */
    public long endOf(int part) {
        return part + 1 < starts.size() ? starts.get(part + 1) : size;
    }
}
