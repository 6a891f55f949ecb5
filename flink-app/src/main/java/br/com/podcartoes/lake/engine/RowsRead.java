package br.com.podcartoes.lake.engine;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Row;

/**
 * Counts the rows a source emits into a Flink accumulator. The sources run in TaskManagers (other JVMs on
 * Managed Flink), so a counter in a static field would only work in the embedded MiniCluster; accumulator
 * values travel to the JobManager with the TaskManagers' heartbeats, and {@link Plan} reads them through
 * the job's {@code JobClient} wherever the job runs. Chained to the source: no extra network hop.
 */
public final class RowsRead extends RichMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The accumulator's name; every source adds to it. */
    public static final String ACCUMULATOR = "linhas_lidas";

    private transient LongCounter rows;

    @Override
    public void open(OpenContext context) {
        rows = getRuntimeContext().getLongCounter(ACCUMULATOR);
    }

    @Override
    public Row map(Row row) {
        rows.add(1L);
        return row;
    }
}
