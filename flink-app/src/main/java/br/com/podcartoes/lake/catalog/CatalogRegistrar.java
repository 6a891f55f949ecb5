package br.com.podcartoes.lake.catalog;

import java.time.YearMonth;

/** Registers the tables and the partitions a run wrote in a catalog (Glue), or does nothing. */
public interface CatalogRegistrar {
    /** Creates or updates the database, the tables and the partitions of {@code month}. */
    void register(YearMonth month) throws Exception;

    /** A short name for the report: {@code glue} or {@code none}. */
    String name();

    CatalogRegistrar NONE = new CatalogRegistrar() {
        @Override
        public void register(YearMonth month) {}

        @Override
        public String name() {
            return "none";
        }
    };
}
