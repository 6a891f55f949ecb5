package br.com.podcartoes.lake.engine;

import br.com.podcartoes.lake.storage.LakeFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
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
    private long expectedRows;
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

    /**
     * Rows the job's sources will emit (the data lines counted in raw), counted by {@link RowsRead}: what
     * the progress lines measure against.
     */
    public DataStream<Row> countRead(DataStream<Row> source, long lines) {
        expectedRows += lines;
        return source.map(new RowsRead()).returns(source.getType()).name("contar " + source.getTransformation().getName());
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
        if (Boolean.getBoolean("pod.explain")) {
            LOG.info("plano:\n{}", sinks.explain());
        }
        long t0 = System.nanoTime();
        TableResult result = sinks.execute();
        long t1 = System.nanoTime();
        String jobId = result.getJobClient().map(JobClient::getJobID).map(Object::toString).orElse("?");
        onSubmitted.accept(jobId);
        if (result.getJobClient().isPresent()) {
            awaitWithProgress(result.getJobClient().get());
        }
        result.await();
        long t2 = System.nanoTime();
        LOG.info("  {}: job Flink {} — montagem {} s, plano e submissão {} s, execução {} s", label, jobId,
                seconds(t0 - created), seconds(t1 - t0), seconds(t2 - t1));
        List<StatsSink.Stat> stats = StatsSink.read(statsDir);
        LakeFs.delete(workDir);
        return new Outcome(jobId, stats);
    }

    /**
     * Waits for the job, logging a {@link Progress} line every {@link Progress#interval()} from the
     * accumulators the JobManager holds (so it works on a cluster as well as on the embedded MiniCluster).
     */
    private void awaitWithProgress(JobClient job) throws Exception {
        CompletableFuture<?> done = job.getJobExecutionResult();
        long start = System.nanoTime();
        long step = Progress.interval().toMillis();
        while (true) {
            try {
                done.get(step, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                long read = readSoFar(job);
                LOG.info("  {}", new Progress(read, expectedRows, Duration.ofNanos(System.nanoTime() - start)).line());
            } catch (ExecutionException failed) {
                return; // result.await() reports the failure
            }
        }
    }

    private static long readSoFar(JobClient job) {
        try {
            Object value = job.getAccumulators().get(5, TimeUnit.SECONDS).get(RowsRead.ACCUMULATOR);
            return value instanceof Number n ? n.longValue() : 0;
        } catch (Exception e) {
            return 0; // progress is informative: never fail the job over it
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
