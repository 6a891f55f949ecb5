package br.com.podcartoes.lake.engine;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's views, registered from a {@link org.apache.flink.table.api.Table}: the query is converted once,
 * and every INSERT that reads the view reads that same relational tree, so the planner's multi-sink optimizer
 * sees one shared sub-plan (an optimize block of its own), computed once for all sinks. A view declared as SQL
 * text ({@code CREATE TEMPORARY VIEW … AS …}) is expanded again in each INSERT: the copies were merged only by
 * {@code table.optimizer.reuse-optimize-block-with-digest-enabled}, which Managed Flink 2.2 refuses from a
 * program (not on AWS's list of programmatic properties). Without either, a 2000-client month's plan had 24
 * joins instead of 9: the key checks computed once per sink (docs/performance.md).
 */
public final class Views {
    private static final Logger LOG = LoggerFactory.getLogger(Views.class);

    private Views() {}

    public static void create(TableEnvironment tEnv, String name, String query) {
        tEnv.createTemporaryView(name, tEnv.sqlQuery(query));
    }

    /**
     * A view several sinks read, computed once: the query is translated on its own and read back as a data
     * stream, a boundary the planner's per-sink optimization cannot copy across. The stream carries Flink's
     * internal rows ({@link RowData}), so crossing it converts nothing.
     */
    public static void shared(StreamTableEnvironment tEnv, String name, String query) {
        Table table = tEnv.sqlQuery(query);
        if (Boolean.getBoolean("pod.explain")) { // the job's plan (Plan) shows this view only as a data stream
            LOG.info("plano da visão {}:\n{}", name, table.explain());
        }
        var rows = tEnv.toDataStream(table, table.getResolvedSchema().toPhysicalRowDataType().bridgedTo(RowData.class));
        tEnv.createTemporaryView(name, tEnv.fromDataStream(rows,
                Schema.newBuilder().fromResolvedSchema(table.getResolvedSchema()).build()));
    }
}
