package br.com.podcartoes.lake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void saysRowsReadOutOfTheLineCountAndEstimatesWhatRemains() {
        assertEquals("progresso: 50000 de 200000 linhas lidas (25%), 10 s; faltam ~30 s de leitura",
                new Progress(50_000, 200_000, Duration.ofSeconds(10)).line());
        assertEquals("progresso: 0 de 200000 linhas lidas (0%), 10 s; iniciando a leitura",
                new Progress(0, 200_000, Duration.ofSeconds(10)).line());
        assertEquals("progresso: 200000 de 200000 linhas lidas (100%), 40 s; leitura concluída; o job segue"
                + " (regras de conjunto, gravação, book)", new Progress(200_000, 200_000, Duration.ofSeconds(40)).line());
        assertEquals("progresso: 7 linhas lidas, 3 s", new Progress(7, 0, Duration.ofSeconds(3)).line());
    }
}
