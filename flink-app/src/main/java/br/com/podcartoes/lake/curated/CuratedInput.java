package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.ingest.RawFile;
import br.com.podcartoes.lake.ingest.RowSelection;
import br.com.podcartoes.lake.ingest.SplitPlan;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * One file to curate: the raw copy, its name for lineage, which month each row goes to, how many data
 * lines it has (counted while it was stored in raw; the job must read exactly that many), the header the
 * driver checked, and where the file may be cut for parallel reading.
 */
public record CuratedInput(TableContract table, Path file, String fileName, RowSelection selection, long records,
        List<String> header, SplitPlan plan) {

    /** The input for a file stored in raw, cut where its {@link RawFile#plan()} says. */
    public static CuratedInput of(RawFile raw, RowSelection selection, List<String> header) {
        return new CuratedInput(raw.table(), raw.raw(), raw.rawName(), selection, raw.records(), header, raw.plan());
    }
}
