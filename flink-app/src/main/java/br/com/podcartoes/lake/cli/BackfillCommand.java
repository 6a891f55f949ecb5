package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.Backfill;
import br.com.podcartoes.lake.storage.LakeFs;
import br.com.podcartoes.lake.storage.LakeLayout;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Reconstrói as situações e os books de um intervalo de meses a partir do curated, num só job Flink.")
public final class BackfillCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Primeiro mês a reconstruir.")
    YearMonth from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "Último mês a reconstruir (inclusive).")
    YearMonth to;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to antes de --from");
        }
        var options = common.prepare(null, null);
        if (!LakeFs.exists(new Path(new LakeLayout(options.lake()).root()))) {
            // A backfill only reads the lake: a mistyped --lake must not become a new, empty lake.
            throw new IllegalArgumentException("--lake " + options.lake() + " não existe");
        }
        var reports = new Backfill(options).run(from, to);
        System.out.println(Summary.of(reports));
        return 0;
    }
}
