package br.com.podcartoes.lake.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The few file operations the driver needs, through Flink's FileSystem so that the same code works on a
 * local folder and on S3 (where Flink's S3 filesystem plugin serves {@code s3://}).
 */
public final class LakeFs {
    private LakeFs() {}

    public static boolean exists(Path path) throws IOException {
        return path.getFileSystem().exists(path);
    }

    public static long size(Path path) throws IOException {
        return path.getFileSystem().getFileStatus(path).getLen();
    }

    /** Files and folders directly under {@code dir}; empty when it does not exist. */
    public static List<FileStatus> list(Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return List.of();
        }
        FileStatus[] statuses = fs.listStatus(dir);
        return statuses == null ? List.of() : List.of(statuses);
    }

    /** Regular files (recursively) under {@code dir}, skipping hidden and staging entries. */
    public static List<Path> dataFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileStatus s : list(dir)) {
            String name = s.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (s.isDir()) {
                out.addAll(dataFiles(s.getPath()));
            } else {
                out.add(s.getPath());
            }
        }
        return out;
    }

    public static void delete(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        if (fs.exists(path)) {
            fs.delete(path, true);
        }
    }

    /**
     * Copies a file that must not exist yet and returns the SHA-256 of the bytes copied. The bytes go to a
     * hidden temporary name first and are renamed at the end, so a copy killed half-way never leaves a
     * truncated file under the real name (raw is immutable: a later run would take it for a delivery).
     */
    public static String copy(Path from, Path to) throws IOException {
        Path partial = new Path(to.getParent(), "." + to.getName() + ".inprogress");
        String sha = copy(from, partial, FileSystem.WriteMode.OVERWRITE);
        if (!to.getFileSystem().rename(partial, to)) {
            throw new IOException("não foi possível mover " + partial + " para " + to);
        }
        return sha;
    }

    public static String copy(Path from, Path to, FileSystem.WriteMode mode) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = from.getFileSystem().open(from);
                OutputStream out = to.getFileSystem().create(to, mode)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String sha256(Path path) throws IOException {
        return sha256(path, (b, off, len) -> { });
    }

    /** Something else that wants every byte of a file while it is read for its SHA-256. */
    @FunctionalInterface
    public interface ByteTap {
        void update(byte[] bytes, int offset, int length);
    }

    /** The SHA-256 of a file; {@code tap} sees the same bytes in the same pass. */
    public static String sha256(Path path, ByteTap tap) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = path.getFileSystem().open(path)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                tap.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static void writeString(Path path, String content) throws IOException {
        try (OutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String readString(Path path) throws IOException {
        try (InputStream in = path.getFileSystem().open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
