package br.com.podcartoes.lake.curated;

import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.ingest.RowSelection;
import org.apache.flink.core.fs.Path;

/** One file to curate for one month: the raw copy, its name for lineage, and which of its rows to take. */
public record CuratedInput(TableContract table, Path file, String fileName, RowSelection selection) {}
