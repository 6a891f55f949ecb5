package br.com.podcartoes.lake.book;

import br.com.podcartoes.lake.storage.TableColumn;

/** The book's data dictionary in Markdown, generated from the declarations (docs/book-variables.md). */
public final class DataDictionary {
    private DataDictionary() {}

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Book de Variáveis de Fatura — dicionário de dados\n\n")
                .append("<!-- Gerado por `java -jar flink-app/target/pod-cartoes-lake-all.jar dictionary` a partir de ")
                .append("`BookVariable.ALL`; não edite à mão (um teste confere que está atualizado). -->\n\n")
                .append("Tabela `refined/book_fatura/ano=YYYY/mes=MM/` (Glue: `book_fatura`): uma linha por cliente com ")
                .append("ao menos uma fatura emitida nos 12 meses que terminam no mês de referência M.\n\n")
                .append("## Definições\n\n")
                .append("- **Data de referência D** (`dt_referencia`): o último dia de M. O book de M usa só o que se ")
                .append("sabia ao fim de M.\n")
                .append("- **Janela UkM** (k = ").append(windows()).append("): as faturas do cliente cuja data de ")
                .append("emissão cai num dos k meses que terminam em M (U1M = só M; U12M = M-11 … M).\n")
                .append("- Para cada fatura, usando só os pagamentos curados dessa fatura com `data_pagamento ≤ D`:\n")
                .append("  - `vl_pago` = soma desses pagamentos (0 se nenhum); primeiro pagamento = o mais antigo deles;\n")
                .append("  - **vencida** = `data_vencimento ≤ D`;\n")
                .append("  - **em dia** = existe primeiro pagamento e ele é ≤ `data_vencimento`;\n")
                .append("  - **inadimplente** = `vl_pago < valor_pagamento_minimo` (fatura sem pagamento é inadimplente);\n")
                .append("  - **dias de atraso** = max(0, primeiro pagamento − `data_vencimento`) se paga, senão ")
                .append("max(0, D − `data_vencimento`).\n\n")
                .append("## Variáveis (declaradas uma vez, calculadas para cada janela)\n\n")
                .append("| variável | tipo | definição sobre as faturas da janela | descrição |\n|---|---|---|---|\n");
        for (BookVariable v : BookVariable.ALL) {
            sb.append("| `").append(v.name()).append("_X` | ").append(v.sqlType()).append(" | ").append(v.definition())
                    .append(" | ").append(v.description()).append(" |\n");
        }
        sb.append("\nX ∈ {").append(String.join(", ", java.util.Arrays.stream(Window.values()).map(Window::suffix)
                .toList())).append("}: ").append(BookVariable.ALL.size() * Window.values().length)
                .append(" variáveis.\n\n## Colunas da tabela\n\n| coluna | tipo (Flink / Glue) | comentário no Glue |\n|---|---|---|\n");
        for (TableColumn c : BookSchema.columns()) {
            sb.append("| `").append(c.name()).append("` | ").append(c.sqlType()).append(" / `").append(c.hiveType())
                    .append("` | ").append(c.description()).append(" |\n");
        }
        sb.append("| `ano`, `mes` | STRING / `string` | Partição: ano e mês de referência. |\n");
        return sb.toString();
    }

    private static String windows() {
        return String.join(", ", java.util.Arrays.stream(Window.values()).map(w -> String.valueOf(w.months())).toList());
    }
}
