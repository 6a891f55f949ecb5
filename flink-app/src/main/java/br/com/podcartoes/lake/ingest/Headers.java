package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.HeaderCheck;
import br.com.podcartoes.lake.contract.TableContract;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;

/** Reads and checks the headers of the delivered files (one per table, in contract order), on any filesystem. */
public final class Headers {
    private Headers() {}

    /** The column names of each file in file order; a file-level contract failure names the file. */
    public static List<List<String>> check(List<Path> files) throws IOException {
        List<List<String>> headers = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try (InputStream in = f.getFileSystem().open(f)) {
                headers.add(HeaderCheck.read(TableContract.values()[i], f.getName(), in));
            }
        }
        return headers;
    }
}
