package br.com.podcartoes.lake.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated files of {@code sql/athena/}: the Iceberg DDL of every table and the queries derived from
 * the book's variables. A test fails when the committed files differ.
 *
 * <p>{@code java -cp pod-cartoes-lake-all.jar br.com.podcartoes.lake.catalog.AthenaSql [DIR [s3://bucket/lake]]}
 * writes them to {@code DIR} (default {@code sql/athena}); with a lake root, ready to run in Athena.
 */
public final class AthenaSql {
    /** The lake root the committed files carry, for the reader to replace. */
    public static final String TEMPLATE_ROOT = "s3://<bucket>/<prefixo>";
    static final String GENERATED = "-- Gerado por br.com.podcartoes.lake.catalog.AthenaSql a partir das colunas do pipeline:\n"
            + "-- não edite à mão (veja sql/README.md).\n";

    private AthenaSql() {}

    /**
     * Relative path under {@code sql/athena/} to content, for the lake at {@code lakeRoot}. The DDL files
     * carry no SQL comments: Athena's DDL parser (Hive's) rejects them; sql/README.md says what each file is.
     */
    public static Map<String, String> files(String lakeRoot) {
        LakeCatalog catalog = new LakeCatalog(lakeRoot);
        Map<String, String> out = new LinkedHashMap<>();
        for (CatalogTable t : catalog.tables()) {
            out.put("ddl/" + t.name() + ".sql", AthenaDdl.table(t));
        }
        out.put(ClientVariationQuery.FILE, ClientVariationQuery.sql());
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sql/athena");
        String root = args.length > 1 ? args[1] : TEMPLATE_ROOT;
        for (Map.Entry<String, String> f : files(root).entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            System.out.println(target);
        }
    }
}
