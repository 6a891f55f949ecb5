package br.com.podcartoes.localcluster.configrule;

import java.util.Collection;

/** Matching of configuration keys. */
final class Keys {
    private Keys() {}

    /**
     * Whether {@code key} is one of {@code keys} or an entry of one of them: a map-typed option such as
     * {@code pipeline.global-job-parameters} may be stored as {@code pipeline.global-job-parameters.<name>} keys.
     */
    static boolean coveredBy(String key, Collection<String> keys) {
        for (String k : keys) {
            if (key.equals(k) || key.startsWith(k + ".")) {
                return true;
            }
        }
        return false;
    }
}
