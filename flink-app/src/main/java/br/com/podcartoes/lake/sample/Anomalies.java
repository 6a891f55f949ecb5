package br.com.podcartoes.lake.sample;

import br.com.podcartoes.lake.sample.SampleDataGenerator.CsvOut;
import br.com.podcartoes.lake.sample.SampleDataGenerator.Invoice;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;

/**
 * The bad rows {@code --dirty} plants, one per selected client row. Planted rows use ids of their own (suffix
 * {@code x<n>}), so the client's real invoice and payments stay valid and the expected outcome of every
 * line is known exactly.
 */
final class Anomalies {
    private static final int KINDS = 14;

    private Anomalies() {}

    static void plant(Invoice inv, YearMonth month, int seq, CsvOut f, CsvOut p, String fFile,
            String pFile, List<Planted> planted) throws IOException {
        long c = inv.client();
        String id = c + "-" + seq + "x";
        String day1 = month.atDay(1).toString();
        String day10 = month.atDay(10).toString();
        // The kind rotates with client and month, so even a small sample plants every kind.
        switch ((int) Math.floorMod(c * 5 + seq, (long) KINDS)) {
            case 0 -> mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",100.00"), "NUMERO_DE_CAMPOS");
            case 1 -> mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",,10.00"), "CAMPO_OBRIGATORIO_VAZIO");
            case 2 -> mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",\"1.234,56\",10.00"), "TIPO_INVALIDO");
            case 3 -> mark(planted, fFile, f.row(id + "," + c + "," + month.getYear() + "-02-30," + day10 + ",100.00,30.00"), "TIPO_INVALIDO");
            case 4 -> mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",-5.00,0.00"), "VALOR_FORA_DO_DOMINIO");
            case 5 -> mark(planted, fFile, f.row(id + "," + c + "," + day10 + "," + day1 + ",100.00,30.00"), "VENCIMENTO_ANTES_DA_EMISSAO");
            case 6 -> mark(planted, fFile, f.row(id + "," + c + "," + month.minusMonths(1).atDay(1) + "," + day10 + ",100.00,30.00"), "MES_DIVERGENTE");
            case 7 -> mark(planted, fFile, f.row(inv.csv()), Planted.DUPLICATE);
            case 8 -> {
                mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",100.00,30.00"), "CHAVE_CONFLITANTE");
                mark(planted, fFile, f.row(id + "," + c + "," + day1 + "," + day10 + ",200.00,30.00"), "CHAVE_CONFLITANTE");
            }
            case 9 -> {
                if (seq == 1) {
                    mark(planted, fFile, f.row(inv.csv()), Planted.DUPLICATE);
                } else {
                    // Last month's key, dated this month: passes the row rules, then meets the curated key.
                    mark(planted, fFile, f.row(c + "-" + (seq - 1) + "," + c + "," + day1 + "," + day10 + ",100.00,30.00"), "CHAVE_JA_EXISTENTE");
                }
            }
            case 10 -> mark(planted, pFile, p.row("PG-" + id + "," + c + "-999999," + c + "," + day10 + ",10.00"), "FATURA_INEXISTENTE");
            case 11 -> mark(planted, pFile, p.row("PG-" + id + "," + inv.id() + "," + (c + 1_000_000_000L) + "," + day10 + ",10.00"), "CLIENTE_DIVERGENTE");
            case 12 -> {
                // A valid invoice issued mid-month, and a payment dated before that emission.
                f.row(id + "," + c + "," + month.atDay(20) + "," + month.atEndOfMonth() + ",100.00,30.00");
                mark(planted, pFile, p.row("PG-" + id + "," + id + "," + c + "," + month.atDay(5) + ",10.00"), "PAGAMENTO_ANTES_DA_EMISSAO");
            }
            default -> mark(planted, pFile, p.row("PG-" + id + "," + inv.id() + "," + c + "," + day10 + ",0.00"), "VALOR_FORA_DO_DOMINIO");
        }
    }

    private static void mark(List<Planted> planted, String file, long line, String outcome) {
        planted.add(new Planted(file, line, outcome));
    }
}
