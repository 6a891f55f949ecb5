package br.com.podcartoes.lake.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this {@code main} runs again after a JobManager failover while Flink recovers its job. With high
 * availability in application mode (Managed Flink) the job id is fixed and a new JobManager re-runs
 * {@code main} from the start while it restarts the job it recovered: that job's staging folders are
 * live, and cleaning up "leftovers" would delete its files. Asked of the JobManager's own REST endpoint;
 * without a fixed job id (embedded MiniCluster, a session cluster) there is nothing to recover.
 */
public final class RecoveredJob {
    private static final Logger LOG = LoggerFactory.getLogger("pod-cartoes");
    private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "CANCELED");

    private RecoveredJob() {}

    /**
     * The configuration main's environment gets from Flink: in an application cluster with high availability
     * it carries the fixed job id and the JobManager's REST endpoint; elsewhere neither.
     */
    public static ReadableConfig environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration();
    }

    /** The job id Flink fixed for this application (high availability, Managed Flink), if any. */
    public static Optional<String> fixedJobId(ReadableConfig conf) {
        return conf.getOptional(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID);
    }

    /** True when the fixed job id of this application is already known to the cluster and not ended. */
    public static boolean running(ReadableConfig conf) {
        Optional<String> jobId = fixedJobId(conf);
        if (jobId.isEmpty()) {
            return false;
        }
        URI uri = URI.create("http://" + conf.get(RestOptions.ADDRESS) + ":" + conf.get(RestOptions.PORT) + "/jobs/"
                + jobId.get());
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return false;
            }
            String state = new ObjectMapper().readTree(r.body()).path("state").asText("");
            return r.statusCode() == 200 && !ENDED.contains(state);
        } catch (Exception e) {
            // Unknown: keep whatever is there. A real leftover then fails the run naming it; a live job is safe.
            LOG.warn("não foi possível perguntar ao JobManager ({}) se o job {} está sendo recuperado: {}", uri,
                    jobId.get(), e.toString());
            return true;
        }
    }
}
