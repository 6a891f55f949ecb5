package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.ingest.SplitPlan;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * One file to curate: the raw copy, its name for lineage, which month each row goes to, the header the
 * driver checked, and where the file may be cut for parallel reading.
 */
public record CuratedInput(TableContract table, Path file, String fileName, RowSelection selection,
        List<String> header, SplitPlan plan) {

    /** The input for a file stored in raw, cut into parts of about {@code splitSize} bytes. */
    public static CuratedInput of(RawFile raw, RowSelection selection, List<String> header, long splitSize)
            throws IOException {
        return new CuratedInput(raw.table(), raw.raw(), raw.rawName(), selection, header,
                SplitPlan.scan(raw.raw(), splitSize));
    }
}
