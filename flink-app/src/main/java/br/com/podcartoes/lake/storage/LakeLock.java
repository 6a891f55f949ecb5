package br.com.podcartoes.lake.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One command at a time writes a lake. A second command that starts while one runs fails at once with
 * {@link LakeBusyException} (who holds the lake, since when) before it touches anything: two runs would
 * otherwise remove each other's work folders and commit months over each other.
 *
 * <p>A local lake is locked with the operating system's lock on {@code _runs/_lock}: the kernel releases
 * it when the process ends in any way (SIGKILL included), so a killed run never blocks the next one and
 * no staleness timeout is needed. The file holds the holder's run id, command, host, pid and start time,
 * for the message; it stays (empty) when the lake is idle, because deleting a lock file lets a process
 * that opened it just before the delete lock a file nobody else sees. The holding JVM never reads the file
 * (closing any descriptor of it would drop its POSIX lock): a second command in the same JVM is refused
 * from memory. An S3 lake has no such lock: see
 * {@link S3LakeLock}.
 */
public final class LakeLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The local lakes this JVM holds: lock file → holder. */
    private static final Map<Path, byte[]> HELD = new ConcurrentHashMap<>();

    private final AutoCloseable release;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LakeLock(AutoCloseable release) {
        this.release = release;
    }

    /** Takes the lake for a command, or fails at once naming the command that holds it. */
    public static LakeLock acquire(LakeLayout lake, String runId, String command) throws IOException {
        return acquire(lake, runId, command, null);
    }

    /**
     * The same, naming in the holder the Flink job id fixed for this application ({@code jobId}, null when
     * none): what tells a {@code main} run again after a JobManager failover that the holder was its own
     * previous incarnation ({@link #currentHolder}).
     */
    public static LakeLock acquire(LakeLayout lake, String runId, String command, String jobId) throws IOException {
        byte[] holder = holder(runId, command, jobId);
        if (lake.isS3()) {
            return new LakeLock(S3LakeLock.acquire(lake, holder));
        }
        Path file = Path.of(URI.create(lake.lockFile())).toAbsolutePath().normalize();
        // Within this JVM first, without touching the file: POSIX drops a process's lock on a file when the
        // process closes any descriptor of it, so a second command here must not even open it.
        byte[] other = HELD.putIfAbsent(file, holder);
        if (other != null) {
            throw new LakeBusyException(lake.root(), read(other));
        }
        try {
            return new LakeLock(lockFile(lake, file, holder));
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static AutoCloseable lockFile(LakeLayout lake, Path file, byte[] holder) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close(); // ours only: another process holds it
            throw new LakeBusyException(lake.root(), read(Files.readAllBytes(file)));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder), 0);
        channel.force(true);
        return () -> {
            try (channel) {
                channel.truncate(0);
                lock.release();
            } finally {
                HELD.remove(file);
            }
        };
    }

    static byte[] holder(String runId, String command) {
        return holder(runId, command, null);
    }

    static byte[] holder(String runId, String command, String jobId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run_id", runId);
        n.put("comando", command);
        if (jobId != null) {
            n.put("job_flink", jobId);
        }
        n.put("host", host());
        n.put("pid", ProcessHandle.current().pid());
        n.put("inicio", Instant.now().toString());
        return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Who holds the lake now, or last held it without releasing it (a process killed with SIGKILL leaves its
     * holder in the file; on S3 the object stays): null when idle, missing or unreadable. Read through Flink's
     * file systems; never call it while this JVM holds a local lake (closing a descriptor drops the lock).
     */
    public static JsonNode currentHolder(LakeLayout lake) {
        try {
            org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(lake.lockFile());
            return LakeFs.exists(file) ? read(LakeFs.readString(file).getBytes(StandardCharsets.UTF_8)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The holder as written by {@link #holder}; null when unreadable (being written). */
    static JsonNode read(byte[] content) {
        try {
            return content.length == 0 ? null : JSON.readTree(content);
        } catch (IOException e) {
            return null;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            release.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
