package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.pipeline.RunFailedException;
import br.com.podcartoes.lake.contract.Quote;
import br.com.podcartoes.lake.report.RunReport;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of both jars. With arguments it is a command line; with none (Managed Flink) it reads the
 * runtime property group {@code pipeline}. Exit codes: 0 done, 1 the run failed, 2 bad usage.
 *
 * <p>The operator-facing text is Portuguese, like the reports, the quarantine reasons and the data
 * contract the operators already read: picocli's own texts come from the {@code Mensagens} bundle and
 * its parse errors are reworded by {@link UsageErrors}.
 */
@Command(name = "pod-cartoes-lake", mixinStandardHelpOptions = true, version = "pod-cartoes-lake 1.0",
        resourceBundle = "br.com.podcartoes.lake.cli.Mensagens",
        description = "Data lake PoD Cartões: raw, curated e o Book de Variáveis de Fatura em Apache Flink.",
        subcommands = {RunCommand.class, LoadHistoryCommand.class, BackfillCommand.class, DemoCommand.class,
                SampleDataCommand.class, DictionaryCommand.class, ReportCommand.class, RollbackCommand.class,
                ExportCommand.class, MaintainCommand.class})
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
        if (fromProperties(args) && outcome.managedFlink()) {
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

    /**
     * The exit code, the error behind a non-zero one (null for usage errors printed by picocli), and
     * whether the command came from runtime properties (then a failure leaves main as an exception).
     */
    record Outcome(int code, Exception error, boolean managedFlink) {}

    static Outcome run(String... args) throws Exception {
        boolean properties = fromProperties(args);
        if (properties) {
            try {
                Map<String, Properties> groups = args.length == 0 ? RuntimeProperties.managedFlinkGroups() : null;
                if (groups != null && groups.isEmpty()) {
                    // No arguments and no Managed Flink properties file: a person at a terminal.
                    System.err.println("erro: nenhum comando informado");
                    new CommandLine(new Main()).usage(System.err);
                    return new Outcome(2, null, false);
                }
                args = groups != null ? RuntimeProperties.fromManagedFlink(groups) : RuntimeProperties.fromFile(args[1]);
            } catch (IllegalArgumentException e) {
                System.err.println("erro: " + e.getMessage());
                return new Outcome(2, e, true);
            }
        }
        Exception[] error = new Exception[1];
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            error[0] = ex;
            System.err.println("erro: " + UsageErrors.portuguese(ex) + " (veja "
                    + ex.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            error[0] = ex;
            if (ex instanceof IllegalArgumentException) {
                System.err.println("erro: " + Quote.limit(ex.getMessage()) + " (veja " + cmd.getCommandName()
                        + " --help)");
                return 2;
            }
            System.err.println("FALHA: " + (ex instanceof RunFailedException ? ex.getMessage() : RunReport.message(ex)));
            return 1;
        });
        int code = cli.execute(args);
        return new Outcome(code, error[0], properties);
    }

    /** No arguments (Managed Flink) or only {@code --properties-file F} (the same, from a local file). */
    static boolean fromProperties(String[] args) {
        return args.length == 0 || (args.length == 2 && args[0].equals("--properties-file"));
    }
}
