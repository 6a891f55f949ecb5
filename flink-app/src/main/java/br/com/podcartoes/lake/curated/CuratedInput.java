package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.ingest.RowSelection;
import org.apache.flink.core.fs.Path;

/**
 * One file to curate: the raw copy, its name for lineage, which of its rows to take, and how many data
 * lines it has (counted while it was stored in raw; the job must read exactly that many).
 */
public record CuratedInput(TableContract table, Path file, String fileName, RowSelection selection, long records) {}
