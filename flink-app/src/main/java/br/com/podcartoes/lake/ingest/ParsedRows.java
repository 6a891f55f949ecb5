package br.com.podcartoes.lake.ingest;

import br.com.podcartoes.lake.contract.ContractField;
import br.com.podcartoes.lake.contract.TableContract;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;

/**
 * The row shape the CSV source hands to the SQL stage: lineage and verdict first, then the typed
 * contract columns (null when the row failed a row-level rule).
 */
public final class ParsedRows {
    public static final List<String> LEAD_COLUMNS =
            List.of("arquivo", "linha", "registro", "motivo", "detalhe", "conteudo", "mes_lote");

    private ParsedRows() {}

    public static RowTypeInfo typeOf(TableContract table) {
        List<String> names = new ArrayList<>(LEAD_COLUMNS);
        List<TypeInformation<?>> types = new ArrayList<>(List.of(
                Types.STRING, Types.LONG, Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.INT));
        for (ContractField f : table.fields()) {
            names.add(f.name());
            types.add(switch (f.kind()) {
                case TEXT -> Types.STRING;
                case INTEGER -> Types.LONG;
                case DATE -> Types.LOCAL_DATE;
                case AMOUNT -> Types.BIG_DEC;
            });
        }
        return new RowTypeInfo(types.toArray(new TypeInformation<?>[0]), names.toArray(new String[0]));
    }
}
