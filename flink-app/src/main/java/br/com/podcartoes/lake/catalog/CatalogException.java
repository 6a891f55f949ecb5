package br.com.podcartoes.lake.catalog;

/** A catalog call failed; the message names the call and the database, table or partition it was for. */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
