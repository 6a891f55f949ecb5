package br.com.podcartoes.lake.pipeline;

/** Rows read did not equal rows curated + quarantined + duplicates: something was lost or doubled. */
public final class ReconciliationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReconciliationException(String message) {
        super(message);
    }
}
