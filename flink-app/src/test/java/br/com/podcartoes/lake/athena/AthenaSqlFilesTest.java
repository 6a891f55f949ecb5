package br.com.podcartoes.lake.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.book.BookSchema;
import br.com.podcartoes.lake.catalog.AthenaSql;
import br.com.podcartoes.lake.catalog.CatalogTable;
import br.com.podcartoes.lake.catalog.LakeCatalog;
import br.com.podcartoes.lake.contract.Reason;
import br.com.podcartoes.lake.storage.LakeTables;
import br.com.podcartoes.lake.storage.TableColumn;
import br.com.podcartoes.lake.quality.MetricsTable;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed sql/athena/ files are exactly what the generator makes from the pipeline's column lists. */
class AthenaSqlFilesTest {
    static final Path DIR = Path.of("..", "sql", "athena");
    static final String REGENERATE = "regenere com: java -cp flink-app/target/pod-cartoes-lake-all.jar "
            + "br.com.podcartoes.lake.catalog.AthenaSql sql/athena";

    @Test
    void committedFilesAreTheGeneratedOnes() throws Exception {
        for (Map.Entry<String, String> f : AthenaSql.files(AthenaSql.TEMPLATE_ROOT).entrySet()) {
            Path file = DIR.resolve(f.getKey());
            assertTrue(Files.exists(file), file + " missing; " + REGENERATE);
            assertEquals(f.getValue(), Files.readString(file), file + " differs; " + REGENERATE);
        }
    }

    @Test
    void noStaleDdlFile() throws Exception {
        Set<String> generated = AthenaSql.files(AthenaSql.TEMPLATE_ROOT).keySet();
        try (Stream<Path> files = Files.list(DIR.resolve("ddl"))) {
            Set<String> committed = files.map(p -> "ddl/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = generated.stream().filter(g -> g.startsWith("ddl/"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, committed, "a table that no longer exists still has DDL; " + REGENERATE);
        }
        assertFalse(Files.exists(DIR.resolve("ddl-projecao")), "Iceberg tables have no partition projection");
    }

    @Test
    void ddlCreatesTheIcebergTableTheJobCreates() throws Exception {
        for (CatalogTable t : new LakeCatalog(AthenaSql.TEMPLATE_ROOT).tables()) {
            String ddl = Files.readString(DIR.resolve("ddl").resolve(t.name() + ".sql"));
            // The job's columns (engine/IcebergTables): data columns, then ano and mes.
            List<String> expected = new ArrayList<>();
            for (TableColumn c : t.columns()) {
                expected.add(c.name() + " " + c.hiveType());
            }
            LakeTables.PARTITION_COLUMNS.forEach(c -> expected.add(c.name() + " " + c.hiveType()));
            assertEquals(expected, AthenaDdlText.columns(ddl), t.name());
            assertTrue(ddl.startsWith("CREATE TABLE IF NOT EXISTS `" + t.name() + "` ("), ddl);
            assertTrue(ddl.contains("\nPARTITIONED BY (`ano`, `mes`)\n"), "identity partitions, no types: " + ddl);
            assertEquals(LakeTable.byName(t.name()).location(new LakeLayout(AthenaSql.TEMPLATE_ROOT)),
                    AthenaDdlText.location(ddl), "where the job creates it");
            assertEquals("ICEBERG", AthenaDdlText.property(ddl, "table_type"));
            assertEquals("parquet", AthenaDdlText.property(ddl, "format"));
            assertEquals("snappy", AthenaDdlText.property(ddl, "write_compression"));
            assertFalse(ddl.contains("EXTERNAL"), "Athena refuses CREATE EXTERNAL TABLE for Iceberg: " + ddl);
            assertFalse(ddl.contains("s3a://"), ddl);
            assertFalse(ddl.contains("--") || ddl.contains("/*"), "Athena's DDL parser rejects SQL comments: " + ddl);
        }
    }

    /**
     * The job sends every column's description to Glue as its comment (through the Iceberg field's doc):
     * Glue refuses comments over 255 characters, and folds names to lower case.
     */
    @Test
    void everyColumnIsWhatGlueAccepts() {
        for (CatalogTable t : new LakeCatalog(AthenaSql.TEMPLATE_ROOT).tables()) {
            for (TableColumn c : t.columns()) {
                assertEquals(c.name().toLowerCase(java.util.Locale.ROOT), c.name(), t.name());
                assertTrue(c.description().length() <= 255, t.name() + "." + c.name() + ": " + c.description().length());
            }
        }
    }

    @Test
    void theBookDdlCarriesTheVariableDefinitionsAsComments() throws Exception {
        String ddl = Files.readString(DIR.resolve("ddl").resolve("book_fatura.sql"));
        for (TableColumn c : BookSchema.columns()) {
            assertTrue(ddl.contains("`" + c.name() + "` " + c.hiveType() + " COMMENT '" + c.description() + "'"), c.name());
        }
        assertEquals(BookSchema.columns().size() + LakeTables.PARTITION_COLUMNS.size(), AthenaDdlText.columns(ddl).size());
    }

    /** The two time-travel forms of Athena engine 3, on the book, with the parameters sql/README.md explains. */
    @Test
    void timeTravelQueriesUseAthenasTwoForms() throws Exception {
        String version = Files.readString(DIR.resolve("consultas").resolve(AthenaQueriesIT.BOOK_AT_VERSION));
        String instant = Files.readString(DIR.resolve("consultas").resolve(AthenaQueriesIT.BOOK_AT_INSTANT));
        assertTrue(version.contains("FROM book_fatura FOR VERSION AS OF ${snapshot_id}\n"), version);
        assertTrue(instant.contains("FROM book_fatura FOR TIMESTAMP AS OF TIMESTAMP '${instante} UTC'\n"), instant);
        for (String sql : List.of(version, instant)) {
            assertTrue(sql.contains("WHERE ano = '${ano}' AND mes = '${mes}'"), sql);
        }
    }

    /** The reason codes written out for people (contract, analysts' query) are the enum's, in its order. */
    @Test
    void reasonCodeListsNameEveryCodeInTheContractsOrder() throws Exception {
        List<String> codes = Stream.of(Reason.values()).map(Enum::name).toList();
        for (Path file : List.of(DIR.resolve("consultas/quarentena_por_motivo.sql"),
                Path.of("..", "docs", "data-contract.md"))) {
            // the contract's table of row rules; the query's header comment
            String text = Files.readString(file).lines().filter(l -> l.startsWith("| `") || l.startsWith("--"))
                    .collect(Collectors.joining("\n"));
            List<String> listed = java.util.regex.Pattern.compile("\\b[A-Z]+(?:_[A-Z]+)+\\b").matcher(text).results()
                    .map(java.util.regex.MatchResult::group).filter(codes::contains).distinct().toList();
            assertEquals(codes, listed, file.toString());
        }
    }

    @Test
    void qualityTablesReadWhereThePipelineWritesTheReportsAndMetrics() throws Exception {
        LakeLayout lake = new LakeLayout("s3://bucket/lake");
        String metrics = Files.readString(DIR.resolve("qualidade").resolve("metricas.sql"));
        List<String> expected = new ArrayList<>();
        MetricsTable.COLUMNS.forEach(c -> expected.add(c.name() + " " + c.hiveType()));
        expected.addAll(List.of("grupo string", "ano string", "mes string"));
        assertEquals(expected, AthenaDdlText.columns(metrics), "metricas = MetricsTable.COLUMNS");
        String template = AthenaDdlText.property(metrics, "storage.location.template")
                .replace(AthenaSql.TEMPLATE_ROOT, lake.root());
        assertEquals(MetricsTable.partition(lake, MetricsTable.BOOK, YearMonth.of(2024, 1)) + "/",
                template.replace("${grupo}", MetricsTable.BOOK).replace("${ano}", "2024").replace("${mes}", "01"));
        assertEquals(MetricsTable.BOOK + "," + MetricsTable.CURATED, AthenaDdlText.property(metrics, "projection.grupo.values"));

        String runs = Files.readString(DIR.resolve("qualidade").resolve("relatorios_execucao.sql"));
        String runsTemplate = AthenaDdlText.property(runs, "storage.location.template")
                .replace(AthenaSql.TEMPLATE_ROOT, lake.root());
        assertEquals(lake.runsDir(YearMonth.of(2024, 1)) + "/", runsTemplate.replace("${mes_relatorio}", "2024-01"),
                "one partition per _runs/YYYY-MM/ folder: Athena does not read sub-folders of a location");
        assertTrue(runs.contains("'ignore.malformed.json' = 'true'"), "the HTML page sits beside the reports");
        for (String ddl : List.of(metrics, runs)) {
            assertTrue(ddl.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'"), ddl);
            assertFalse(ddl.contains("--") || ddl.contains("/*"), "Athena's DDL parser rejects SQL comments: " + ddl);
        }
    }

    @Test
    void generatedForARealLakeTheDdlPointsAtIt() {
        Map<String, String> files = AthenaSql.files("s3a://pod-cartoes-lake-123/lake/");
        assertTrue(files.get("ddl/tb_pagamentos.sql").contains("LOCATION 's3://pod-cartoes-lake-123/lake/curated/tb_pagamentos'\n"));
        assertFalse(String.join("", files.values()).contains(AthenaSql.TEMPLATE_ROOT));
    }
}
