package br.com.podcartoes.deploy;

import java.util.List;

/**
 * The lake's prefixes, named once: storage, lifecycle, IAM and the workflow all read them from here,
 * so a policy can never drift from the layout the Flink job writes.
 */
public final class LakeLayout {
    /** Monthly CSV drops (tb_faturas_YYYYMM.csv, tb_pagamentos_YYYYMM.csv) and history files. */
    public static final String LANDING = "landing/";
    /** The files as received, kept for reprocessing. */
    public static final String RAW = "raw/";
    /** Rows that passed the contract. */
    public static final String CURATED = "curated/";
    /** Rows that failed the contract, with the reason. */
    public static final String QUARANTINE = "quarantine/";
    /** The book and other products built on curated data. */
    public static final String REFINED = "refined/";
    /** One JSON report per run: _runs/YYYY-MM/run-id.json. */
    public static final String RUNS = "_runs/";
    /** The job's quality metrics, one JSON folder per group and month (_metrics/<grupo>/ano=YYYY/mes=MM/). */
    public static final String METRICS = "_metrics/";

    public static final List<String> ALL = List.of(LANDING, RAW, CURATED, QUARANTINE, REFINED, RUNS, METRICS);
    /**
     * Where the job's Iceberg tables live (curated/tb_*, quarantine/tb_*, refined/book_fatura,
     * refined/_estado_fatura, each with its data/ and metadata/): the only prefixes S3FileIO touches.
     */
    public static final List<String> TABLES = List.of(CURATED, QUARANTINE, REFINED);

    /** What the application reads. */
    public static final List<String> APP_READS = List.of(LANDING, RAW);
    /** What the application writes. */
    public static final List<String> APP_WRITES = List.of(RAW, CURATED, QUARANTINE, REFINED, RUNS, METRICS);
    /**
     * Where the application also deletes: the tables' files (Iceberg deletes only files no snapshot needs: an
     * aborted commit's, and the expired ones of maintenance), its own _work/ files in _runs/, and a month of
     * metrics it rewrites.
     */
    public static final List<String> APP_OVERWRITES = List.of(CURATED, QUARANTINE, REFINED, RUNS, METRICS);
    /**
     * Written once, never deleted nor replaced: the delivered files as received (RawStore never overwrites; a
     * different file under the same name is stored beside the old one).
     */
    public static final List<String> WRITE_ONCE = List.of(RAW);
    /**
     * What the application reads back of its own output, beyond {@link #APP_READS}: every Iceberg commit reads
     * the table's metadata and manifests, the book reads 12 months of curated/; the job reads its counts back
     * from _runs/YYYY-MM/_work/; and Flink's filesystem sink commits the metrics by renaming staged files,
     * which on S3 is CopyObject and needs s3:GetObject on the source.
     */
    public static final List<String> APP_READS_BACK = List.of(CURATED, QUARANTINE, REFINED, RUNS, METRICS);
    /** What analysts may read: never raw/ (unvalidated) nor quarantine/ (rejected rows may hold anything). */
    public static final List<String> ANALYST_READS = List.of(CURATED, REFINED);

    /** Landing file names the monthly run waits for (yyyymm = e.g. 202501). */
    public static String faturasLandingKey(String yyyymm) {
        return LANDING + "tb_faturas_" + yyyymm + ".csv";
    }

    public static String pagamentosLandingKey(String yyyymm) {
        return LANDING + "tb_pagamentos_" + yyyymm + ".csv";
    }

    private LakeLayout() {
    }
}
