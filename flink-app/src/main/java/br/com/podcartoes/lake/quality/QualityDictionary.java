package br.com.podcartoes.lake.quality;

import br.com.podcartoes.lake.book.DataDictionary;
import java.util.Locale;

/**
 * docs/book-variables.md: the book's dictionary ({@link DataDictionary}) followed by the quality measures
 * taken of it every month — statistics, histogram and the PSI, with the thresholds of {@link Drift}.
 */
public final class QualityDictionary {
    private QualityDictionary() {}

    public static String markdown() {
        return DataDictionary.markdown() + "\n## Qualidade e estabilidade (métricas de cada execução)\n\n"
                + "Todo comando que grava um book mede, no mesmo job Flink, cada uma das 32 colunas do mês e grava em "
                + "`_metrics/book_fatura/ano=YYYY/mes=MM/` (JSON, uma linha por coluna; Athena: tabela `metricas`):\n\n"
                + "- `qtd`, `nulos`, `minimo`, `maximo`, `media` (nulos fora das estatísticas);\n"
                + "- `p25`, `mediana`, `p75` e os decis: percentis exatos com interpolação linear entre os dois valores "
                + "vizinhos (posição p·(n − 1), o mesmo que `quantile_cont` do DuckDB), calculados no próprio job;\n"
                + "- `histograma`: contagens em " + QualityPlan.HISTOGRAM_BINS + " faixas de largura igual entre o mínimo "
                + "e o máximo do mês (o máximo entra na última faixa; tudo na primeira quando mínimo = máximo).\n\n"
                + "### PSI (índice de estabilidade da população)\n\n"
                + "Para cada coluna, o PSI do mês M contra M−1 (`book.drift` no relatório da execução):\n\n"
                + "1. **Faixas** pelos decis (10%, 20%, …, 90%) dos valores não nulos de M−1; bordas iguais são fundidas "
                + "(uma coluna quase constante tem poucas faixas). Com as bordas distintas e₁ < … < eₖ, as faixas são "
                + "(−∞, e₁], (e₁, e₂], …, (eₖ, +∞); os **nulos** formam uma faixa própria.\n"
                + "2. **Proporções**: e = linhas de M−1 na faixa / linhas de M−1; a = linhas de M na faixa / linhas de M "
                + "(nulos incluídos nos totais). Uma faixa **vazia** conta como " + Drift.EMPTY_BIN + ".\n"
                + "3. **PSI = Σ (a − e)·ln(a / e)** sobre as faixas.\n\n"
                + "| PSI | nível | alerta |\n|---|---|---|\n"
                + String.format(Locale.ROOT, "| < %.2f | %s | — |\n", Drift.MODERADA.from(), Drift.ESTAVEL.label())
                + String.format(Locale.ROOT, "| ≥ %.2f | %s | sim (não falha a execução) |\n", Drift.MODERADA.from(),
                        Drift.MODERADA.label())
                + String.format(Locale.ROOT, "| ≥ %.2f | %s | sim (não falha a execução) |\n", Drift.SIGNIFICATIVA.from(),
                        Drift.SIGNIFICATIVA.label())
                + "\nSem book de M−1 (primeiro mês do lake) não há PSI. Nos primeiros 12 meses de um lake as janelas "
                + "U3M/U6M/U12M ainda se enchem e o PSI delas acusa essa mudança: espere alertas até M−1 ter a janela "
                + "completa. Colunas com poucos valores muito repetidos também acusam mudanças pequenas: com todas "
                + "as faturas vencendo no mesmo dia, `dias_atraso_max_u3m/u6m/u12m` de faturas não pagas são alguns "
                + "valores exatos (D − vencimento) que mudam um dia com o tamanho dos meses da janela e levam decis "
                + "inteiros de uma faixa para outra, sem mudança nos dados.\n";
    }
}
