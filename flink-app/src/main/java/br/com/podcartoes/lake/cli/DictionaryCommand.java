package br.com.podcartoes.lake.cli;

import br.com.podcartoes.lake.quality.QualityDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = "Writes the book's data dictionary (docs/book-variables.md) from the variable declarations.")
public final class DictionaryCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/book-variables.md")
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
