package br.com.podcartoes.lake.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The lock of an S3 lake: the object {@code <lake>/_runs/_lock}, created only when absent (PutObject with
 * {@code If-None-Match: *}), refreshed by a heartbeat (PutObject with {@code If-Match} of its last ETag)
 * and deleted at the end. S3 has no lock that dies with its process, so a lock whose heartbeat is older
 * than {@link #STALE_AFTER} (a killed run) is taken over, again with {@code If-Match}: of two commands
 * that find the same stale lock, one wins.
 *
 * <p>AWS S3 honours both conditions (since 2024); S3Proxy 2.6, the tests' S3 server, ignores them (checked
 * 2026-12: a second If-None-Match put succeeds), so this class is tested against a fake that honours them.
 * On AWS the deployment's DynamoDB lock also keeps the state machine's executions one at a time.
 */
final class S3LakeLock implements AutoCloseable {
    /** How often the holder proves it is alive. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** A lock with no heartbeat for this long belongs to a dead command. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final ObjectNode holder;
    private final ScheduledExecutorService heartbeat;
    private volatile String etag;

    private S3LakeLock(S3Client s3, String bucket, String key, ObjectNode holder, String etag, Duration every) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.holder = holder;
        this.etag = etag;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trava-do-lake");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static S3LakeLock acquire(LakeLayout lake, byte[] holderJson) throws IOException {
        URI lock = URI.create(lake.lockFile());
        return acquire(client(lake.catalog().properties()), lock.getHost(), lock.getPath().replaceAll("^/+", ""),
                lake.root(), holderJson, HEARTBEAT, STALE_AFTER);
    }

    /**
     * An SDK client that reaches the lake the way the rest of the command does: the catalog's S3 settings
     * (Iceberg's {@code s3.endpoint}, {@code s3.path-style-access}, {@code s3.access-key-id},
     * {@code s3.secret-access-key}), else the Flink cluster's own ({@code s3.endpoint},
     * {@code s3.path.style.access}, {@code s3.access-key}, {@code s3.secret-key} of {@code FLINK_CONF_DIR}: how
     * local-cluster/ configures S3), else the SDK's default chain (the application's role on AWS). Against
     * an S3-compatible endpoint, no trailing checksums nor chunked uploads (they answer 400 to them).
     */
    static S3Client client(Map<String, String> properties) {
        Configuration flink = System.getenv("FLINK_CONF_DIR") != null ? GlobalConfiguration.loadConfiguration()
                : new Configuration();
        String endpoint = first(properties.get("s3.endpoint"), flink.getString("s3.endpoint", null));
        boolean pathStyle = Boolean.parseBoolean(first(properties.get("s3.path-style-access"),
                flink.getString("s3.path.style.access", "false")));
        String key = first(properties.get("s3.access-key-id"), flink.getString("s3.access-key", null));
        String secret = first(properties.get("s3.secret-access-key"), flink.getString("s3.secret-key", null));
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        Region region;
        try {
            region = new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException none) {
            region = Region.US_EAST_1; // an S3-compatible endpoint signs with any region
        }
        b.region(region);
        if (key != null && secret != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)));
        }
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        b.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle)
                .chunkedEncodingEnabled(endpoint == null).build());
        return b.build();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    static S3LakeLock acquire(S3Client s3, String bucket, String key, String lake, byte[] holderJson,
            Duration every, Duration staleAfter) throws IOException {
        ObjectNode holder = (ObjectNode) JSON.readTree(holderJson);
        holder.put("heartbeat", Instant.now().toString());
        try {
            String etag = s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), body(holder)).eTag();
            return new S3LakeLock(s3, bucket, key, holder, etag, every);
        } catch (S3Exception e) {
            if (!conflict(e)) {
                throw e;
            }
        }
        ResponseBytes<GetObjectResponse> current;
        try {
            current = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException released) {
            // Released between our put and our read: try once more, as a new command would.
            return acquire(s3, bucket, key, lake, holderJson, every, staleAfter);
        }
        JsonNode other = LakeLock.read(current.asByteArray());
        Instant beat = other == null ? Instant.EPOCH : Instant.parse(other.path("heartbeat").asText(Instant.EPOCH.toString()));
        // A holder with our own run id is this run's previous incarnation: main run again after a JobManager
        // failover continues the run (MonthlyRun takes the run id from the holder only then), and the
        // JobManager that held the lock is dead. Its heartbeat may be seconds old: waiting for it to go stale
        // would fail the recovered run as "busy", with no report.
        boolean ownPredecessor = other != null && other.path("run_id").asText("").equals(holder.path("run_id").asText());
        if (!ownPredecessor && Duration.between(beat, Instant.now()).compareTo(staleAfter) < 0) {
            throw new LakeBusyException(lake, other);
        }
        try {
            String etag = s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(current.response().eTag()), body(holder))
                    .eTag();
            LoggerFactory.getLogger("pod-cartoes").warn("trava do lake tomada de uma execução sem sinal de vida desde"
                    + " {}: {}", beat, other);
            return new S3LakeLock(s3, bucket, key, holder, etag, every);
        } catch (S3Exception e) {
            if (conflict(e)) {
                throw new LakeBusyException(lake, other); // another command took it over first
            }
            throw e;
        }
    }

    private void beat() {
        holder.put("heartbeat", Instant.now().toString());
        try {
            etag = s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(etag), body(holder)).eTag();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger("pod-cartoes").error("não foi possível renovar a trava do lake {}: {}", key,
                    e.getMessage());
            if (e instanceof S3Exception s && conflict(s)) {
                heartbeat.shutdown(); // taken over: whatever we write now would be someone else's lock
            }
        }
    }

    /** 412: the condition failed; 409: a concurrent conditional write to the same key won. */
    private static boolean conflict(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    private static RequestBody body(ObjectNode holder) {
        return RequestBody.fromBytes((holder.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            // Only our own lock: after a takeover the object is someone else's. (A read, then a plain delete:
            // conditional deletes are newer on S3 than conditional puts.)
            JsonNode now = LakeLock.read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            if (now != null && now.path("run_id").asText().equals(holder.path("run_id").asText())) {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            }
        } catch (S3Exception e) {
            LoggerFactory.getLogger("pod-cartoes").warn("trava do lake {} não apagada: {}", key, e.getMessage());
        }
    }
}
