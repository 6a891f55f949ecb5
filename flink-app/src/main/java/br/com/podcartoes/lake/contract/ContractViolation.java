package br.com.podcartoes.lake.contract;

/** A file-level contract failure: the message names the file, the line or column and the rule. */
public final class ContractViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContractViolation(String message) {
        super(message);
    }
}
