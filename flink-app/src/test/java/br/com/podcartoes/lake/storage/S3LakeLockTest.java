package br.com.podcartoes.lake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.testing.S3Objects;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 lake's lock against a fake S3 that keeps objects and honours {@code If-None-Match: *} and
 * {@code If-Match} on PUT as AWS S3 does (S3Proxy 2.6 ignores both, so it cannot show the lock works).
 */
class S3LakeLockTest {
    static final Duration NEVER = Duration.ofHours(1);

    HttpServer server;
    S3Client s3;
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final Map<String, String> etags = new ConcurrentHashMap<>();
    final AtomicInteger versions = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        s3 = S3Objects.client("http://127.0.0.1:" + server.getAddress().getPort(), "a", "b");
    }

    @AfterEach
    void stop() {
        s3.close();
        server.stop(0);
    }

    @Test
    void oneHolderAtATimeAndTheHolderReleasesOnlyItsOwnLock() throws Exception {
        S3LakeLock first = acquire("execucao-1", NEVER, NEVER);
        LakeBusyException busy = assertThrows(LakeBusyException.class, () -> acquire("execucao-2", NEVER, NEVER));
        assertTrue(busy.getMessage().contains("execução execucao-1"), busy.getMessage());
        first.close();
        assertFalse(objects.containsKey("/lake/prefixo/_runs/_lock"), "released: deleted");
        acquire("execucao-2", NEVER, NEVER).close();
    }

    @Test
    void aLockWithoutHeartbeatIsTakenOverAndTheOldHolderDoesNotDeleteTheNewOne() throws Exception {
        S3LakeLock dead = acquire("morta", NEVER, NEVER); // never beats: as a killed run
        Thread.sleep(300);
        S3LakeLock next = acquire("seguinte", NEVER, Duration.ofMillis(200));
        assertTrue(new String(objects.get("/lake/prefixo/_runs/_lock"), StandardCharsets.UTF_8).contains("seguinte"));
        dead.close();
        assertTrue(objects.containsKey("/lake/prefixo/_runs/_lock"), "the new holder's lock stays");
        next.close();
        assertFalse(objects.containsKey("/lake/prefixo/_runs/_lock"));
    }

    @Test
    void aHolderThatBeatsIsNeverStale() throws Exception {
        try (S3LakeLock alive = acquire("viva", Duration.ofMillis(50), NEVER)) {
            Thread.sleep(600);
            assertThrows(LakeBusyException.class, () -> acquire("seguinte", NEVER, Duration.ofMillis(300)));
            assertTrue(versions.get() >= 5, "heartbeats written: " + versions.get());
        }
    }

    @Test
    void aFreshLockOfTheSameRunIsTakenOverAsItsOwnPredecessor() throws Exception {
        // main run again after a JobManager failover, under the run id of the main that died holding the lock:
        // its heartbeat is fresh, but nobody else can be behind it.
        acquire("execucao-1", NEVER, NEVER); // its JobManager killed: never released
        try (S3LakeLock again = acquire("execucao-1", NEVER, NEVER)) {
            assertThrows(LakeBusyException.class, () -> acquire("execucao-2", NEVER, NEVER), "still one holder");
        }
        assertFalse(objects.containsKey("/lake/prefixo/_runs/_lock"), "released by the run that finished");
    }

    private S3LakeLock acquire(String runId, Duration every, Duration staleAfter) throws IOException {
        return S3LakeLock.acquire(s3, "lake", "prefixo/_runs/_lock", "s3://lake/prefixo", LakeLock.holder(runId, "run"), every,
                staleAfter);
    }

    /** PUT (with the two conditions), GET and DELETE of path-style keys, as S3 answers them. */
    private synchronized void handle(HttpExchange x) throws IOException {
        String key = x.getRequestURI().getPath();
        switch (x.getRequestMethod()) {
            case "PUT" -> {
                byte[] body = x.getRequestBody().readAllBytes();
                String ifNoneMatch = x.getRequestHeaders().getFirst("If-None-Match");
                String ifMatch = x.getRequestHeaders().getFirst("If-Match");
                if ("*".equals(ifNoneMatch) && objects.containsKey(key)
                        || ifMatch != null && !ifMatch.equals(etags.get(key))) {
                    error(x, 412, "PreconditionFailed");
                    return;
                }
                objects.put(key, body);
                String etag = "\"v" + versions.incrementAndGet() + "\"";
                etags.put(key, etag);
                x.getResponseHeaders().add("ETag", etag);
                x.sendResponseHeaders(200, -1);
            }
            case "GET" -> {
                byte[] body = objects.get(key);
                if (body == null) {
                    error(x, 404, "NoSuchKey");
                    return;
                }
                x.getResponseHeaders().add("ETag", etags.get(key));
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
            case "DELETE" -> {
                objects.remove(key);
                etags.remove(key);
                x.sendResponseHeaders(204, -1);
            }
            default -> error(x, 405, "MethodNotAllowed");
        }
        x.close();
    }

    private static void error(HttpExchange x, int status, String code) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/xml");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }
}
