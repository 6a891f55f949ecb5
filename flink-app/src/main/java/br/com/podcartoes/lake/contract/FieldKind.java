package br.com.podcartoes.lake.contract;

/** The syntactic kinds of the data contract; each maps to one curated SQL type. */
public enum FieldKind {
    /** Non-empty text, kept as is. */
    TEXT("STRING"),
    /** {@code -?[0-9]+} within BIGINT's range. */
    INTEGER("BIGINT"),
    /** {@code yyyy-MM-dd}, a real calendar day. */
    DATE("DATE"),
    /** {@code -?[0-9]+(\.[0-9]{1,2})?} within DECIMAL(15,2). */
    AMOUNT("DECIMAL(15,2)");

    private final String sqlType;

    FieldKind(String sqlType) {
        this.sqlType = sqlType;
    }

    public String sqlType() {
        return sqlType;
    }
}
