package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.CsvRecord;
import br.com.podcartoes.lake.contract.CsvRecordReader;
import br.com.podcartoes.lake.contract.HeaderCheck;
import br.com.podcartoes.lake.contract.RowValidator;
import br.com.podcartoes.lake.contract.TableContract;
import br.com.podcartoes.lake.contract.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.types.Row;

/**
 * Flink file format that reads a delivered CSV with the contract's own reader, so every row keeps its
 * physical line number and raw text (Flink's CSV format has neither, and would read the header as data).
 * Each row leaves with its row-level verdict. A file is read in the parts its {@link SplitPlan} names,
 * each by whichever task gets it: the first part checks the header; the others start at their line
 * number with the header the driver already checked.
 */
public final class ContractCsvFormat implements StreamFormat<Row> {
    private static final long serialVersionUID = 1L;

    private final TableContract table;
    private final String fileName;
    private final RowSelection selection;
    private final List<String> header;
    private final SplitPlan plan;

    /**
     * @param header the file's columns as checked before the job (used by every part but the first)
     * @param plan   where the file is cut
     */
    public ContractCsvFormat(TableContract table, String fileName, RowSelection selection, List<String> header,
            SplitPlan plan) {
        this.table = table;
        this.fileName = fileName;
        this.selection = selection;
        this.header = header == null ? null : List.copyOf(header);
        this.plan = plan;
    }

    @Override
    public Reader<Row> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        long start = stream.getPos();
        InputStream part = new BoundedInputStream(stream, splitEnd - start);
        if (start == 0) {
            CsvRecordReader records = new CsvRecordReader(part);
            CsvRecord first = records.next();
            if (first == null) {
                throw new IOException(fileName + ": arquivo vazio (sem linha de cabeçalho)");
            }
            List<String> columns = HeaderCheck.check(table, fileName, first);
            return new RowReader(records, new RowValidator(table, columns, selection.enforcedMonth()));
        }
        if (header == null || plan == null) {
            throw new IOException(fileName + ": parte a partir do byte " + start + " sem plano de divisão");
        }
        CsvRecordReader records = new CsvRecordReader(part, plan.lineAt(start), false);
        return new RowReader(records, new RowValidator(table, header, selection.enforcedMonth()));
    }

    @Override
    public Reader<Row> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset,
            long fileLen, long splitEnd) {
        throw new UnsupportedOperationException("batch job: files are re-read from the start on recovery");
    }

    @Override
    public boolean isSplittable() {
        return plan != null && plan.parts() > 1;
    }

    @Override
    public TypeInformation<Row> getProducedType() {
        return ParsedRows.typeOf(table);
    }

    private final class RowReader implements StreamFormat.Reader<Row> {
        private final CsvRecordReader records;
        private final RowValidator validator;
        private final int width = ParsedRows.LEAD_COLUMNS.size() + table.fields().size();

        RowReader(CsvRecordReader records, RowValidator validator) {
            this.records = records;
            this.validator = validator;
        }

        @Override
        public Row read() throws IOException {
            CsvRecord record = records.next();
            if (record == null) {
                return null;
            }
            Validation v = validator.validate(record);
            Row row = new Row(width);
            row.setField(0, fileName);
            row.setField(1, record.line());
            row.setField(2, record.text());
            row.setField(6, selection.batchMonth(v.month()));
            if (v.valid()) {
                Object[] values = v.values();
                row.setField(5, canonical(values));
                for (int i = 0; i < values.length; i++) {
                    row.setField(ParsedRows.LEAD_COLUMNS.size() + i, values[i]);
                }
            } else {
                row.setField(3, v.reason().name());
                row.setField(4, v.detail());
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }

    /** The typed content as one string: equal strings mean identical rows after typing. */
    static String canonical(Object[] values) {
        StringBuilder sb = new StringBuilder(64);
        for (Object value : values) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            if (value instanceof String s) {
                sb.append(s.length()).append(':').append(s); // length prefix: no separator can collide
            } else {
                sb.append(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
            }
        }
        return sb.toString();
    }
}
