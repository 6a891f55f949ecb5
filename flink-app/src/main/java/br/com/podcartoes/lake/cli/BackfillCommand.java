package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.Backfill;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Rebuilds the books of a range of months from curated data.")
public final class BackfillCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class)
    YearMonth from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = YearMonthConverter.class)
    YearMonth to;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to antes de --from");
        }
        var options = common.prepare();
        var reports = new Backfill(options, Catalogs.of(options)).run(from, to);
        System.out.println(Summary.of(reports));
        return 0;
    }
}
