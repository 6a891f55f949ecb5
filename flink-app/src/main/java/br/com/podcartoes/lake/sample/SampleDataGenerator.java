package br.com.podcartoes.lake.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes monthly {@code tb_faturas_YYYYMM.csv} and {@code tb_pagamentos_YYYYMM.csv} shaped like the real
 * case: one invoice per client and month, issued on the 1st and due on the 10th, amounts uniform up to
 * 70,000, minimum 30% (half-up to cents), ~30% never paid, payments ~38% early / ~4% on the due date /
 * ~57% late (up to 29 days, so some land in next month's file), paid amount uniform up to the invoice.
 *
 * <p>Every (client, month) draws from its own seeded random stream, so output is deterministic for a
 * seed and independent of order. With {@code dirty > 0} each client row is followed, with that
 * probability, by one planted bad or duplicate row whose expected outcome is returned.
 */
public final class SampleDataGenerator {
    static final long MAX_CENTS = 7_000_000L;

    private final long clients;
    private final long seed;
    private final double dirty;
    private final double splitPayments;
    private final double valueMultiplier;

    public SampleDataGenerator(long clients, long seed, double dirty, double splitPayments) {
        this(clients, seed, dirty, splitPayments, 1.0);
    }

    /**
     * @param valueMultiplier multiplies every invoice amount (1 = as described above): a planted shift of
     *                        the population, for the drift alerts
     */
    public SampleDataGenerator(long clients, long seed, double dirty, double splitPayments, double valueMultiplier) {
        this.clients = clients;
        this.seed = seed;
        this.dirty = dirty;
        this.splitPayments = splitPayments;
        this.valueMultiplier = valueMultiplier;
    }

    /** Writes the months {@code from..to} into {@code out}; returns the planted rows. */
    public List<Planted> write(YearMonth from, YearMonth to, Path out) throws IOException {
        Files.createDirectories(out);
        List<Planted> planted = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            int seq = (int) (from.until(m, java.time.temporal.ChronoUnit.MONTHS)) + 1;
            writeMonth(m, seq, out, planted);
        }
        return planted;
    }

    private void writeMonth(YearMonth month, int seq, Path out, List<Planted> planted) throws IOException {
        String fFile = String.format("tb_faturas_%04d%02d.csv", month.getYear(), month.getMonthValue());
        String pFile = String.format("tb_pagamentos_%04d%02d.csv", month.getYear(), month.getMonthValue());
        try (CsvOut f = new CsvOut(out.resolve(fFile), "id_fatura,id_cliente,data_emissao,data_vencimento,valor_fatura,valor_pagamento_minimo");
                CsvOut p = new CsvOut(out.resolve(pFile), "id_pagamento,id_fatura,id_cliente,data_pagamento,valor_pagamento")) {
            for (long c = 1; c <= clients; c++) {
                Invoice inv = invoice(c, month, seq);
                f.row(inv.csv());
                // Payments of this month: late ones of last month's invoice, then this month's own.
                if (seq > 1) {
                    for (Payment pay : invoice(c, month.minusMonths(1), seq - 1).payments()) {
                        if (YearMonth.from(pay.date()).equals(month)) {
                            p.row(pay.csv());
                        }
                    }
                }
                for (Payment pay : inv.payments()) {
                    if (YearMonth.from(pay.date()).equals(month)) {
                        p.row(pay.csv());
                    }
                }
                if (dirty > 0) {
                    SplittableRandom r = random(c, month, 7);
                    if (r.nextDouble() < dirty) {
                        Anomalies.plant(inv, month, seq, f, p, fFile, pFile, planted);
                    }
                }
            }
        }
    }

    Invoice invoice(long client, YearMonth month, int seq) {
        SplittableRandom r = random(client, month, 1);
        long cents = Math.round(r.nextLong(MAX_CENTS + 1) * valueMultiplier);
        long minimum = (cents * 30 + 50) / 100; // 30%, half-up to cents
        LocalDate emission = month.atDay(1);
        LocalDate due = month.atDay(10);
        Invoice inv = new Invoice(client + "-" + seq, client, emission, due, cents, minimum, new ArrayList<>());
        if (r.nextDouble() < 0.30 || cents == 0) {
            return inv; // never paid
        }
        double when = r.nextDouble();
        LocalDate date;
        if (when < 0.38) {
            date = emission.plusDays(r.nextInt(9)); // 1st..9th
        } else if (when < 0.42) {
            date = due;
        } else {
            date = due.plusDays(1 + r.nextInt(29));
        }
        long paid = 1 + r.nextLong(cents);
        String id = "PG-" + client + "-" + seq;
        if (r.nextDouble() < splitPayments && paid > 1) {
            long first = 1 + r.nextLong(paid - 1);
            LocalDate second = date.plusDays(r.nextInt(5));
            inv.payments().add(new Payment(id, inv.id(), client, date, first));
            inv.payments().add(new Payment(id + "-2", inv.id(), client, second, paid - first));
        } else {
            inv.payments().add(new Payment(id, inv.id(), client, date, paid));
        }
        return inv;
    }

    private SplittableRandom random(long client, YearMonth month, int stream) {
        long h = seed * 0x9E3779B97F4A7C15L + client * 0xBF58476D1CE4E5B9L
                + (month.getYear() * 12L + month.getMonthValue()) * 0x94D049BB133111EBL + stream;
        return new SplittableRandom(h);
    }

    static String formatCents(long c) {
        String sign = c < 0 ? "-" : "";
        long a = Math.abs(c);
        return sign + (a / 100) + "." + String.format("%02d", a % 100);
    }

    record Invoice(String id, long client, LocalDate emission, LocalDate due, long cents, long minimum,
            List<Payment> payments) {
        String csv() {
            return id + "," + client + "," + emission + "," + due + "," + formatCents(cents) + "," + formatCents(minimum);
        }
    }

    record Payment(String id, String invoice, long client, LocalDate date, long cents) {
        String csv() {
            return id + "," + invoice + "," + client + "," + date + "," + formatCents(cents);
        }
    }

    /** A CSV file being written, counting physical lines so planted rows know their line number. */
    static final class CsvOut implements AutoCloseable {
        private final Writer w;
        private long line;

        CsvOut(Path path, String header) throws IOException {
            w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
            row(header);
        }

        /** Writes a row and returns its line number. */
        long row(String text) throws IOException {
            w.write(text);
            w.write('\n');
            return ++line;
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
