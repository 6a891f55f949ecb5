package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.config.PipelineOptions;
import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import br.com.podcartoes.lake.storage.LakeLock;
import br.com.podcartoes.lake.pipeline.MonthlyRun;
import br.com.podcartoes.lake.report.RunReport;
import br.com.podcartoes.lake.sample.SampleDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Gera 13 meses de dados de exemplo na landing e roda cada mês em ordem num lake novo.")
public final class DemoCommand implements Callable<Integer> {
    private static final int MONTHS = 13;
    private static final Set<String> LAKE_FOLDERS = Set.of("raw", "curated", "quarantine", "refined", "_runs",
            "_metrics", "_catalog");

    @Option(names = "--clients", paramLabel = "N", defaultValue = "2000",
            description = "Número de clientes, >= 1 (padrão: ${DEFAULT-VALUE}).")
    long clients;

    @Option(names = "--from", paramLabel = "YYYY-MM", defaultValue = "2023-01", converter = YearMonthConverter.class,
            description = "Primeiro mês (padrão: ${DEFAULT-VALUE}); são gerados 13 meses.")
    YearMonth from;

    @Option(names = "--dirty", paramLabel = "FRACTION", defaultValue = "0.01",
            description = "Fração de linhas inválidas e duplicadas plantadas, 0..1 (padrão: ${DEFAULT-VALUE}).")
    double dirty;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Semente do gerador: a mesma semente gera os mesmos arquivos (padrão: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    LandingOptions landing;

    @Mixin
    QualityOptions quality;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients deve ser >= 1");
        }
        PipelineOptions options = common.prepare(landing, quality);
        LakeLayout.of(options); // usage errors of --catalog before the sample data is written
        YearMonth to = from.plusMonths(MONTHS - 1);
        LakeLayout landingArea = new LakeLayout(options.landing());
        resetLocalLake(options.lake());
        // Files are generated locally; on S3 they are then uploaded to the landing prefix.
        Path local = landingArea.isS3() ? Files.createTempDirectory("pod-cartoes-demo") : Path.of(options.landing());
        new SampleDataGenerator(clients, seed, dirty, 0.05).write(from, to, local);
        if (landingArea.isS3()) {
            try (Stream<Path> files = Files.list(local)) {
                for (Path f : files.toList()) {
                    LakeFs.copy(new org.apache.flink.core.fs.Path(f.toUri()),
                            new org.apache.flink.core.fs.Path(landingArea.root() + "/" + f.getFileName()),
                            org.apache.flink.core.fs.FileSystem.WriteMode.OVERWRITE);
                }
            }
        }
        System.out.printf("demo: dados de exemplo de %d clientes, %s..%s, em %s%n", clients, from, to,
                landingArea.root());
        List<RunReport> reports = new ArrayList<>();
        int i = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            System.out.printf("demo: mês %d de %d (%s)%n", ++i, MONTHS, m);
            reports.add(new MonthlyRun(options.withRunId(null)).run(m));
        }
        System.out.print(Summary.of(reports));
        System.out.println("lake em " + new LakeLayout(options.lake()).root()
                + " (tabelas Iceberg em curated/, quarantine/ e refined/, catálogo em _catalog/iceberg.db,"
                + " relatórios em _runs/)");
        return 0;
    }

    /** A demo starts from an empty lake, but only deletes a local folder that holds nothing but a lake. */
    private static void resetLocalLake(String lake) throws IOException {
        if (new LakeLayout(lake).isS3()) {
            return;
        }
        Path dir = Path.of(lake);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.toList();
            if (!all.stream().allMatch(p -> LAKE_FOLDERS.contains(p.getFileName().toString()))) {
                throw new IllegalArgumentException(dir.toAbsolutePath() + " não parece um lake (tem outras pastas):"
                        + " escolha outro --lake para a demo");
            }
        }
        // Under the lake's lock, which stays (with its folder): another command may be opening it.
        LakeLayout layout = new LakeLayout(lake);
        Path lock = Path.of(java.net.URI.create(layout.lockFile())).toAbsolutePath().normalize();
        try (LakeLock held = LakeLock.acquire(layout, "demo", "demo");
                Stream<Path> walk = Files.walk(dir.toAbsolutePath().normalize())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!lock.startsWith(p)) {
                    Files.delete(p);
                }
            }
        }
    }
}
