package br.com.podcartoes.lake.cli;

/**
 * How a command run from runtime properties (Managed Flink) fails: an exception out of {@code main}, which
 * Flink reports as the application's failure, instead of an exit code. It carries the message only (the
 * reason was already printed and reported): no stack trace for an operator to read through.
 */
public final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailedException(int exitCode, Exception cause) {
        super((exitCode == 2 ? "uso inválido" : "o comando falhou") + " (código " + exitCode + ")"
                + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), null, false, false);
        this.exitCode = exitCode;
    }

    /** The exit code the same failure has on the command line. */
    public int exitCode() {
        return exitCode;
    }
}
