package br.com.podcartoes.lake.catalog;

import java.time.YearMonth;
import java.util.List;

/** Registers the tables and the partitions a run wrote in a catalog (Glue), or does nothing. */
public interface CatalogRegistrar {

    /**
     * What a run wrote: the curated and quarantine partitions of {@code curatedMonths} (none when the run
     * curated nothing, e.g. a backfill) and the book partitions of {@code bookMonths}.
     */
    record Update(List<YearMonth> curatedMonths, List<YearMonth> bookMonths) {}

    /** Creates or updates (idempotently) the database, every table, and the partitions of the update. */
    void register(Update update) throws Exception;

    /** A short name for the report: {@code glue} or {@code none}. */
    String name();

    CatalogRegistrar NONE = new CatalogRegistrar() {
        @Override
        public void register(Update update) {}

        @Override
        public String name() {
            return "none";
        }
    };
}
