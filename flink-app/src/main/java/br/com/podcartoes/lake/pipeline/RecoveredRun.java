package br.com.podcartoes.lake.pipeline;

import br.com.podcartoes.lake.engine.RecoveredJob;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The run id of a command, the same again when its {@code main} runs again after a JobManager failover.
 *
 * <p>With high availability (Managed Flink, local-cluster/run-application) a new JobManager recovers the job
 * from ZooKeeper and restarts it from its stored plan, while main runs again from the start and its
 * {@code execute()} is answered with that job. The stored plan carries the first main's run id: the curated
 * rows' {@code run_id} and the work folder where its counts land ({@code _runs/<month>/_work/<run_id>/}).
 * A new run id would read the counts of a folder nobody writes and report a run that is not the one in the
 * tables. So when this application's job is being recovered and the lake's lock was last held with this
 * job id, the run continues under the holder's run id (and takes the lock over: {@code S3LakeLock}).
 */
final class RecoveredRun {
    private RecoveredRun() {}

    static String runId(LakeLayout lake) {
        ReadableConfig env = RecoveredJob.environment();
        Optional<String> job = RecoveredJob.fixedJobId(env);
        if (job.isPresent() && RecoveredJob.running(env)) {
            JsonNode holder = LakeLock.currentHolder(lake);
            if (holder != null && job.get().equals(holder.path("job_flink").asText()) && !holder.path("run_id")
                    .asText("").isEmpty()) {
                String runId = holder.path("run_id").asText();
                Stages.log().warn("job {} recuperado após failover do JobManager: a execução {} continua", job.get(),
                        runId);
                return runId;
            }
        }
        return RunIds.next();
    }
}
