package br.com.podcartoes.localcluster.configrule;

/** The program changed Flink configuration that Managed Flink 2.2 does not let application code change. */
public final class ProgramConfigurationNotAllowedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ProgramConfigurationNotAllowedException(String message) {
        super(message);
    }
}
