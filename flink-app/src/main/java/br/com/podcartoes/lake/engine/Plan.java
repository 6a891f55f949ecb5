package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.LakeFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command's one Flink job. Managed Flink runs {@code main} in the JobManager with high availability,
 * where Flink allows a single {@code execute()} per application: every stage adds its views and sinks
 * here, and {@link #execute} submits them all as one statement set, once. Counts for reconciliation and
 * the report travel as one more sink ({@link StatsSink}).
 */
public final class Plan {
    private static final Logger LOG = LoggerFactory.getLogger("pod-cartoes");

    /** What the job did: its id (for the report) and the counts its stats sink wrote. */
    public record Outcome(String jobId, List<StatsSink.Stat> stats) {}

    private final FlinkSession session;
    private final StatementSet sinks;
    private final List<String> counts = new ArrayList<>();
    private final Path workDir;
    private final long created = System.nanoTime();
    private boolean executed;

    /** @param workDir a folder of this run only, for the counts; deleted after the job */
    public Plan(int parallelism, Path workDir) {
        this.session = FlinkSession.create(parallelism);
        this.sinks = session.tableEnv().createStatementSet();
        this.workDir = workDir;
    }

    public StreamTableEnvironment tableEnv() {
        return session.tableEnv();
    }

    public FlinkSession session() {
        return session;
    }

    /** Adds an {@code INSERT} to the job. */
    public void insert(String sql) {
        sinks.addInsertSql(sql);
    }

    /** Adds a count query: columns (mes INT, tabela, categoria, motivo STRING, qtd BIGINT). */
    public void count(String query) {
        counts.add(query);
    }

    /** Submits the job, waits for it and returns its id and counts. Callable once. */
    public Outcome execute(String label, java.util.function.Consumer<String> onSubmitted) throws Exception {
        if (executed) {
            throw new IllegalStateException("o job do comando já foi executado: um comando, um job Flink");
        }
        executed = true;
        Path statsDir = new Path(workDir, "stats");
        StatsSink.declare(session.tableEnv(), statsDir);
        sinks.addInsertSql("INSERT INTO " + StatsSink.TABLE + "\n" + String.join("\nUNION ALL\n", counts));
        long t0 = System.nanoTime();
        TableResult result = sinks.execute();
        long t1 = System.nanoTime();
        String jobId = result.getJobClient().map(JobClient::getJobID).map(Object::toString).orElse("?");
        onSubmitted.accept(jobId);
        result.await();
        long t2 = System.nanoTime();
        LOG.info("  {}: job Flink {} — montagem {} s, plano e submissão {} s, execução {} s", label, jobId,
                seconds(t0 - created), seconds(t1 - t0), seconds(t2 - t1));
        List<StatsSink.Stat> stats = StatsSink.read(statsDir);
        LakeFs.delete(workDir);
        return new Outcome(jobId, stats);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
