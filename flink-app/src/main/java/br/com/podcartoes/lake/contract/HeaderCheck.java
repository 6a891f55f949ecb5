package br.com.podcartoes.lake.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * File-level rules: a file must have a header whose column set is exactly the contract's (in any order).
 * A failure here stops the run before anything is written.
 */
public final class HeaderCheck {
    private HeaderCheck() {}

    /** Reads and checks the header; returns its column names in file order. */
    public static List<String> read(TableContract table, String fileName, InputStream in) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(in);
        CsvRecord header = reader.next();
        if (header == null) {
            throw new ContractViolation(fileName + ": arquivo vazio (sem linha de cabeçalho)");
        }
        return check(table, fileName, header);
    }

    public static List<String> check(TableContract table, String fileName, CsvRecord header) {
        List<String> columns = Arrays.asList(header.fields());
        Set<String> expected = new LinkedHashSet<>();
        table.fields().forEach(f -> expected.add(f.name()));
        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            if (!columns.contains(name)) {
                missing.add(name);
            }
        }
        List<String> unexpected = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String name : columns) {
            if (!expected.contains(name)) {
                unexpected.add(name.isEmpty() ? "(vazia)" : Quote.of(name, 60));
            } else if (!seen.add(name)) {
                repeated.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !repeated.isEmpty()) {
            StringBuilder msg = new StringBuilder(fileName).append(", linha 1: cabeçalho não confere com o contrato de ")
                    .append(table.tableName()).append(':');
            if (!missing.isEmpty()) {
                msg.append(" colunas faltando ").append(missing).append(';');
            }
            if (!unexpected.isEmpty()) {
                msg.append(" colunas inesperadas ").append(unexpected).append(';');
            }
            if (!repeated.isEmpty()) {
                msg.append(" colunas repetidas ").append(repeated).append(';');
            }
            // Each name is quoted; a garbage header can still list thousands of them: cut the whole line too.
            throw new ContractViolation(Quote.of(msg.substring(0, msg.length() - 1), 2 * Quote.MAX));
        }
        return List.copyOf(columns);
    }
}
