package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.contract.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Picocli's parse errors in Portuguese. Its resource bundle covers the help text but not these messages,
 * which are built in English inside picocli; the exception types carry what is needed to say them again.
 */
final class UsageErrors {
    private UsageErrors() {}

    static String portuguese(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            return "opção ou argumento desconhecido: " + u.getUnmatched().stream().map(a -> "'" + Quote.of(a) + "'")
                    .collect(Collectors.joining(", "));
        }
        if (ex instanceof MissingParameterException m) {
            String names = m.getMissing().stream().map(UsageErrors::name).collect(Collectors.joining(", "));
            return ex.getMessage().startsWith("Missing required parameter for option")
                    ? "falta o valor de " + names : "falta a opção obrigatória " + names;
        }
        if (ex instanceof OverwrittenOptionException o) {
            return "opção repetida: " + name(o.getOverwritten());
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null) {
            // Our converters (YearMonthConverter) explain the value in Portuguese ("... não é um mês"); picocli's
            // built-in ones in English: only ours are quoted.
            String reason = ex.getCause() != null && ex.getCause().getMessage() != null
                    && ex.getCause().getMessage().contains("não é") ? " (" + ex.getCause().getMessage() + ")" : "";
            String choices = "";
            if (arg.completionCandidates() != null && arg.type().isEnum()) {
                List<String> accepted = new ArrayList<>();
                arg.completionCandidates().forEach(accepted::add);
                choices = " (aceitos: " + String.join(", ", accepted) + ")";
            }
            return "valor inválido para " + name(arg) + ": '" + Quote.of(ex.getValue()) + "'" + reason + choices;
        }
        return Quote.limit(ex.getMessage());
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() + (o.arity().max > 0 ? "=" + o.paramLabel() : "")
                : arg.paramLabel();
    }
}
