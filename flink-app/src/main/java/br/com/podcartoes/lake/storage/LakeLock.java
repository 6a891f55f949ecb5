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
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One command at a time writes a lake. A second command that starts while one runs fails at once with
 * {@link LakeBusyException} (who holds the lake, since when) before it touches anything: two runs would
 * otherwise remove each other's work folders and commit months over each other.
 *
 * <p>A local lake is locked with the operating system's lock on {@code <lake>/_lock}: the kernel releases
 * it when the process ends in any way (SIGKILL included), so a killed run never blocks the next one and
 * no staleness timeout is needed. The file holds the holder's run id, command, host, pid and start time,
 * for the message; it stays (empty) when the lake is idle, because deleting a lock file lets a process
 * that opened it just before the delete lock a file nobody else sees. An S3 lake has no such lock: see
 * {@link S3LakeLock}.
 */
public final class LakeLock implements AutoCloseable {
    public static final String FILE = "_lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AutoCloseable release;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LakeLock(AutoCloseable release) {
        this.release = release;
    }

    /** Takes the lake for a command, or fails at once naming the command that holds it. */
    public static LakeLock acquire(LakeLayout lake, String runId, String command) throws IOException {
        byte[] holder = holder(runId, command);
        if (lake.isS3()) {
            return new LakeLock(S3LakeLock.acquire(lake, holder));
        }
        Path file = Path.of(URI.create(lake.root() + "/" + FILE));
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new LakeBusyException(lake.root(), read(Files.readAllBytes(file)));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder), 0);
        channel.force(true);
        FileLock held = lock;
        return new LakeLock(() -> {
            try (channel) {
                channel.truncate(0);
                held.release();
            }
        });
    }

    static byte[] holder(String runId, String command) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run_id", runId);
        n.put("comando", command);
        n.put("host", host());
        n.put("pid", ProcessHandle.current().pid());
        n.put("inicio", Instant.now().toString());
        return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
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
