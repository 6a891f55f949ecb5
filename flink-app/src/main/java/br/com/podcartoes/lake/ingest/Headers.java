package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.HeaderCheck;
import br.com.podcartoes.lake.contract.TableContract;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.Path;

/** Reads and checks the headers of the delivered files (one per table), on any filesystem. */
public final class Headers {
    private Headers() {}

    /** The column names of each table's file; a file-level contract failure names the file. */
    public static Map<TableContract, List<String>> check(Map<TableContract, Path> files) throws IOException {
        Map<TableContract, List<String>> headers = new EnumMap<>(TableContract.class);
        for (var e : files.entrySet()) {
            Path f = e.getValue();
            try (InputStream in = f.getFileSystem().open(f)) {
                headers.put(e.getKey(), HeaderCheck.read(e.getKey(), f.getName(), in));
            }
        }
        return headers;
    }
}
