package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.RunFailedException;
import br.com.podcartoes.lake.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of both jars. With arguments it is a command line; with none (Managed Flink) it reads the
 * runtime property group {@code pipeline}. Exit codes: 0 done, 1 the run failed, 2 bad usage.
 */
@Command(name = "pod-cartoes-lake", mixinStandardHelpOptions = true, version = "pod-cartoes-lake 1.0",
        description = "PoD Cartões data lake: raw, curated and the Book de Variáveis de Fatura on Apache Flink.",
        subcommands = {RunCommand.class, LoadHistoryCommand.class, BackfillCommand.class, DemoCommand.class,
                SampleDataCommand.class, DictionaryCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) throws Exception {
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code (the tests call this). */
    public static int execute(String... args) throws Exception {
        if (args.length == 0 || (args.length == 2 && args[0].equals("--properties-file"))) {
            args = RuntimeProperties.toArgs(args.length == 2 ? args[1] : null);
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println("erro: " + ex.getMessage() + " (veja " + ex.getCommandLine().getCommandName()
                    + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                System.err.println("erro: " + ex.getMessage() + " (veja " + cmd.getCommandName() + " --help)");
                return 2;
            }
            System.err.println("FALHA: " + (ex instanceof RunFailedException ? ex.getMessage() : RunReport.message(ex)));
            return 1;
        });
        return cli.execute(args);
    }
}
