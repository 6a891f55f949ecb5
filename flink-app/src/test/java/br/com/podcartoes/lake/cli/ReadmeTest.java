package br.com.podcartoes.lake.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a new user copies from the README in the first hour. */
class ReadmeTest {
    static final Path ROOT = Path.of("..");

    @Test
    void theFirstCommandBuildsThePipelineAloneSoItNeedsNoNode() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains("mvn -B -q -pl flink-app -am package -DskipTests && java -jar"
                + " flink-app/target/pod-cartoes-lake-all.jar demo"), "command 1: the pipeline module only");
        assertFalse(Files.readString(ROOT.resolve("flink-app/pom.xml")).contains("<artifactId>deploy"),
                "the pipeline module must not pull deploy/ (CDK synth needs Node.js)");
        assertTrue(readme.contains("Node.js 20 ou mais"), "command 2 states the Node.js it needs");
        assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("node_major"), ".ci/run checks Node.js");
    }

    @Test
    void examplesUseTheirOwnFoldersWhichGitIgnores() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String examples = readme.substring(readme.indexOf("### Exemplos"), readme.indexOf("## O job mensal"));
        for (String line : examples.lines().filter(l -> l.startsWith("java -jar $JAR run")).toList()) {
            assertTrue(line.contains("--landing exemplo/landing") && line.contains("--lake exemplo/lake"),
                    "an example run must not reuse the demo's landing/ and lake/: " + line);
        }
        List<String> ignored = Files.readAllLines(ROOT.resolve(".gitignore"));
        for (String folder : List.of("/exemplo/", "/lake-real/", "/lake/", "/landing/")) {
            assertTrue(ignored.contains(folder), folder + " in .gitignore");
        }
    }
}
