package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.TableContract;
import org.apache.flink.core.fs.Path;

/**
 * A delivered file as stored in the raw layer.
 *
 * @param records    data lines in the file (header and blank lines excluded): what reconciliation expects
 *                   the job to have read
 * @param plan       where the file may be cut for parallel reading (found in the same pass)
 * @param redelivery true when a different file of the same name was already in raw and this one was
 *                   kept beside it under a new name
 */
public record RawFile(TableContract table, Path source, Path raw, long sizeBytes, String sha256, long records,
        SplitPlan plan, boolean redelivery) {
    public String rawName() {
        return raw.getName();
    }
}
