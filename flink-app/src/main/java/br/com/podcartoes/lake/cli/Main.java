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
                SampleDataCommand.class, DictionaryCommand.class, ReportCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) throws Exception {
        Outcome outcome = run(args);
        if (outcome.code() == 0) {
            return;
        }
        if (fromProperties(args)) {
            // Managed Flink runs main inside the JobManager: System.exit would end the JobManager's process.
            // Leaving main with an exception marks the application FAILED; the report is already written.
            throw new CommandFailedException(outcome.code(), outcome.error());
        }
        System.exit(outcome.code());
    }

    /** Runs a command line and returns its exit code (the tests call this). */
    public static int execute(String... args) throws Exception {
        return run(args).code();
    }

    /** The exit code, and the error behind a non-zero one (null for usage errors printed by picocli). */
    record Outcome(int code, Exception error) {}

    static Outcome run(String... args) throws Exception {
        if (fromProperties(args)) {
            args = RuntimeProperties.toArgs(args.length == 2 ? args[1] : null);
        }
        Exception[] error = new Exception[1];
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            error[0] = ex;
            System.err.println("erro: " + ex.getMessage() + " (veja " + ex.getCommandLine().getCommandName()
                    + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            error[0] = ex;
            if (ex instanceof IllegalArgumentException) {
                System.err.println("erro: " + ex.getMessage() + " (veja " + cmd.getCommandName() + " --help)");
                return 2;
            }
            System.err.println("FALHA: " + (ex instanceof RunFailedException ? ex.getMessage() : RunReport.message(ex)));
            return 1;
        });
        int code = cli.execute(args);
        return new Outcome(code, error[0]);
    }

    /** No arguments (Managed Flink) or only {@code --properties-file F} (the same, from a local file). */
    static boolean fromProperties(String[] args) {
        return args.length == 0 || (args.length == 2 && args[0].equals("--properties-file"));
    }
}
