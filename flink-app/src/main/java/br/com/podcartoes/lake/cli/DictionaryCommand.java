package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.quality.QualityDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = "Gera o dicionário de dados do book (docs/book-variables.md) a partir das declarações das variáveis.")
public final class DictionaryCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "ARQUIVO", defaultValue = "docs/book-variables.md",
            description = "Arquivo de saída (padrão: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, QualityDictionary.markdown());
        System.out.println("dicionário gravado em " + out.toAbsolutePath());
        return 0;
    }
}
