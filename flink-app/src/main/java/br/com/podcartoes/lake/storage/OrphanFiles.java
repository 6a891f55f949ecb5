package br.com.podcartoes.lake.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Deletes the files under a table's {@code data/} and {@code metadata/} that no snapshot it keeps
 * references and that are older than the window: what a run killed before its commit wrote (Iceberg writes
 * the data files first and makes them visible with the commit), and metadata a failed commit left. Files
 * elsewhere under the table's folder (e.g. Parquet of the lake before Iceberg) are not touched.
 *
 * <p>Written with Iceberg's API (the usual tool is a Spark action): the referenced set is every file of
 * every snapshot still in the table, its manifests and manifest lists, and the metadata files in its log.
 */
public final class OrphanFiles {
    private OrphanFiles() {}

    /** Deletes the orphans last modified before {@code olderThanMillis}; returns their locations. */
    public static List<String> remove(Table table, long olderThanMillis) throws IOException {
        if (!(table.io() instanceof SupportsPrefixOperations io)) {
            throw new IOException("o FileIO de " + table.name() + " não lista arquivos: órfãos não removidos");
        }
        Set<String> referenced = referenced(table);
        List<String> deleted = new ArrayList<>();
        for (String folder : List.of("/data/", "/metadata/")) {
            List<FileInfo> files = new ArrayList<>();
            try {
                io.listPrefix(table.location() + folder).forEach(files::add);
            } catch (RuntimeException e) {
                if (isMissing(e)) {
                    continue; // no such folder yet
                }
                throw e;
            }
            for (FileInfo f : files) {
                if (hidden(f.location())) {
                    continue; // Hadoop's checksum sidecars (.name.crc) live and go with their file
                }
                if (f.createdAtMillis() < olderThanMillis && !referenced.contains(normalize(f.location()))) {
                    io.deleteFile(f.location());
                    deleted.add(f.location());
                }
            }
        }
        return deleted;
    }

    static Set<String> referenced(Table table) throws IOException {
        FileIO io = table.io();
        Set<String> out = new HashSet<>();
        ReachableFileUtil.metadataFileLocations(table, false).forEach(l -> out.add(normalize(l)));
        ReachableFileUtil.statisticsFilesLocations(table).forEach(l -> out.add(normalize(l)));
        Set<String> manifests = new HashSet<>();
        for (Snapshot s : table.snapshots()) {
            if (s.manifestListLocation() != null) {
                out.add(normalize(s.manifestListLocation()));
            }
            for (ManifestFile m : s.allManifests(io)) {
                if (!manifests.add(m.path())) {
                    continue;
                }
                out.add(normalize(m.path()));
                if (m.content() == ManifestContent.DATA) {
                    try (CloseableIterable<String> paths = ManifestFiles.readPaths(m, io, table.specs())) {
                        paths.forEach(p -> out.add(normalize(p)));
                    }
                } else {
                    try (var deletes = ManifestFiles.readDeleteManifest(m, io, table.specs())) {
                        deletes.forEach(d -> out.add(normalize(d.location())));
                    }
                }
            }
        }
        return out;
    }

    /** One spelling per file: {@code file:/x}, {@code file:///x} and {@code /x} are the same; so are s3a:// and s3://. */
    static String normalize(String location) {
        return location.replaceFirst("^file:/+", "/").replaceFirst("^s3[an]://", "s3://").replaceAll("(?<!:)/{2,}", "/");
    }

    private static boolean hidden(String location) {
        return location.substring(location.lastIndexOf('/') + 1).startsWith(".");
    }

    private static boolean isMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.FileNotFoundException || t instanceof java.nio.file.NoSuchFileException) {
                return true;
            }
        }
        return false;
    }
}
