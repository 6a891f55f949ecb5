package br.com.podcartoes.lake.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Another command holds the lake ({@link LakeLock}): this one stops before touching anything. */
public final class LakeBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    LakeBusyException(String lake, JsonNode holder) {
        super("lake " + lake + " ocupado: " + describe(holder) + "; espere terminar e rode de novo (nada foi"
                + " alterado por este comando)");
    }

    private static String describe(JsonNode h) {
        if (h == null) {
            return "outro comando está rodando";
        }
        return "o comando " + h.path("comando").asText("?") + " (execução " + h.path("run_id").asText("?") + ", host "
                + h.path("host").asText("?") + ", pid " + h.path("pid").asText("?") + ", desde "
                + h.path("inicio").asText("?") + ") está rodando";
    }
}
