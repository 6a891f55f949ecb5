package br.com.podcartoes.deploy;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.quicksight.CfnDashboard;
import software.amazon.awscdk.services.quicksight.CfnDataSet;
import software.amazon.awscdk.services.quicksight.CfnDataSource;
import software.constructs.Construct;

/**
 * QuickSight, the analysts' consumption layer, opt-in ({@code -c quicksight=true}; the account must already be
 * subscribed to QuickSight, which cannot be done as code): an Athena data source on the analysts' workgroup, a
 * dataset over book_fatura and one over the quarantine summary (counts per table, month and reason, never the
 * rejected lines), and a dashboard of delinquency and on-time payment by month. Direct query: no SPICE capacity to
 * pay for or refresh. Everything is owned by {@code quicksightPrincipalArn}.
 */
public final class QuickSightAnalytics extends Construct {
    public static final String DATA_SOURCE_ID = "pod-cartoes-athena";
    public static final String BOOK_DATASET_ID = "pod-cartoes-book-fatura";
    public static final String QUARANTINE_DATASET_ID = "pod-cartoes-quarentena-resumo";
    public static final String DASHBOARD_ID = "pod-cartoes-inadimplencia";
    static final String BOOK = "book";
    /** The role QuickSight uses for Athena and S3 (its default name; chosen in QuickSight's security settings). */
    public static final String SERVICE_ROLE = "service-role/aws-quicksight-service-role-v0";

    static final List<String> DATA_SOURCE_ACTIONS = List.of("quicksight:DescribeDataSource",
            "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource", "quicksight:UpdateDataSource",
            "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions");
    static final List<String> DATASET_ACTIONS = List.of("quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions",
            "quicksight:PassDataSet", "quicksight:DescribeIngestion", "quicksight:ListIngestions", "quicksight:UpdateDataSet",
            "quicksight:DeleteDataSet", "quicksight:CreateIngestion", "quicksight:CancelIngestion",
            "quicksight:UpdateDataSetPermissions");
    static final List<String> DASHBOARD_ACTIONS = List.of("quicksight:DescribeDashboard", "quicksight:ListDashboardVersions",
            "quicksight:UpdateDashboardPermissions", "quicksight:QueryDashboard", "quicksight:UpdateDashboard",
            "quicksight:DeleteDashboard", "quicksight:DescribeDashboardPermissions", "quicksight:UpdateDashboardPublishedVersion");

    /** The book's monthly delinquency and on-time payment per client (U1M), the columns the dashboard uses. */
    static final String BOOK_SQL = "SELECT id_cliente, dt_referencia, pct_inadimplencia_u1m, pct_pagamento_em_dia_u1m, "
            + "qtd_faturas_u1m, vl_fatura_total_u1m FROM %s.book_fatura";
    /** sql/athena/consultas/quarentena_por_motivo.sql without its ORDER BY: counts only, no rejected line. */
    static final String QUARANTINE_SQL = "SELECT tabela, ano, mes, motivo, COUNT(*) AS linhas, COUNT(DISTINCT arquivo) AS arquivos "
            + "FROM (SELECT 'tb_faturas' AS tabela, ano, mes, motivo, arquivo FROM %1$s.quarentena_tb_faturas "
            + "UNION ALL SELECT 'tb_pagamentos' AS tabela, ano, mes, motivo, arquivo FROM %1$s.quarentena_tb_pagamentos) q "
            + "GROUP BY tabela, ano, mes, motivo";

    private final CfnDataSource dataSource;
    private final CfnDataSet bookDataSet;
    private final CfnDataSet quarantineDataSet;
    private final CfnDashboard dashboard;

    public QuickSightAnalytics(Construct scope, String id, DeployConfig config, CatalogAndAthena catalog) {
        super(scope, id);
        String owner = config.quicksightPrincipalArn();
        dataSource = CfnDataSource.Builder.create(this, "DataSource")
                .awsAccountId(Aws.ACCOUNT_ID)
                .dataSourceId(DATA_SOURCE_ID)
                .name("PoD Cartoes (Athena)")
                .type("ATHENA")
                .dataSourceParameters(CfnDataSource.DataSourceParametersProperty.builder()
                        .athenaParameters(CfnDataSource.AthenaParametersProperty.builder()
                                .workGroup(CatalogAndAthena.ANALYSTS_WORKGROUP).build())
                        .build())
                .permissions(List.of(CfnDataSource.ResourcePermissionProperty.builder()
                        .principal(owner).actions(DATA_SOURCE_ACTIONS).build()))
                .build();
        dataSource.addDependency(catalog.analystsWorkGroup());

        bookDataSet = dataSet("BookDataSet", BOOK_DATASET_ID, "PoD Cartoes: book_fatura (U1M por cliente e mes)",
                String.format(BOOK_SQL, catalog.databaseName()), List.of(
                        column("id_cliente", "INTEGER"), column("dt_referencia", "DATETIME"),
                        column("pct_inadimplencia_u1m", "DECIMAL"), column("pct_pagamento_em_dia_u1m", "DECIMAL"),
                        column("qtd_faturas_u1m", "INTEGER"), column("vl_fatura_total_u1m", "DECIMAL")), owner);
        quarantineDataSet = dataSet("QuarantineDataSet", QUARANTINE_DATASET_ID,
                "PoD Cartoes: quarentena por tabela, mes e motivo", String.format(QUARANTINE_SQL, catalog.databaseName()),
                List.of(column("tabela", "STRING"), column("ano", "STRING"), column("mes", "STRING"),
                        column("motivo", "STRING"), column("linhas", "INTEGER"), column("arquivos", "INTEGER")), owner);

        dashboard = CfnDashboard.Builder.create(this, "Dashboard")
                .awsAccountId(Aws.ACCOUNT_ID)
                .dashboardId(DASHBOARD_ID)
                .name("PoD Cartoes: inadimplencia e pagamento em dia por mes")
                .permissions(List.of(CfnDashboard.ResourcePermissionProperty.builder()
                        .principal(owner).actions(DASHBOARD_ACTIONS).build()))
                .definition(CfnDashboard.DashboardVersionDefinitionProperty.builder()
                        .dataSetIdentifierDeclarations(List.of(CfnDashboard.DataSetIdentifierDeclarationProperty.builder()
                                .identifier(BOOK).dataSetArn(bookDataSet.getAttrArn()).build()))
                        .sheets(List.of(CfnDashboard.SheetDefinitionProperty.builder()
                                .sheetId("carteira")
                                .name("Carteira por mes")
                                .visuals(List.of(
                                        monthlyAverage("inadimplencia", "Inadimplencia (% das faturas vencidas, media por cliente)",
                                                "pct_inadimplencia_u1m"),
                                        monthlyAverage("pagamento-em-dia", "Pagamento em dia (% das faturas vencidas, media por cliente)",
                                                "pct_pagamento_em_dia_u1m")))
                                .build()))
                        .build())
                .build();
    }

    private CfnDataSet dataSet(String id, String dataSetId, String name, String sql, List<CfnDataSet.InputColumnProperty> columns,
                               String owner) {
        return CfnDataSet.Builder.create(this, id)
                .awsAccountId(Aws.ACCOUNT_ID)
                .dataSetId(dataSetId)
                .name(name)
                .importMode("DIRECT_QUERY")
                .physicalTableMap(java.util.Map.of("consulta", CfnDataSet.PhysicalTableProperty.builder()
                        .customSql(CfnDataSet.CustomSqlProperty.builder()
                                .dataSourceArn(dataSource.getAttrArn())
                                .name(dataSetId)
                                .sqlQuery(sql)
                                .columns(columns)
                                .build())
                        .build()))
                .permissions(List.of(CfnDataSet.ResourcePermissionProperty.builder()
                        .principal(owner).actions(DATASET_ACTIONS).build()))
                .build();
    }

    private static CfnDataSet.InputColumnProperty column(String name, String type) {
        return CfnDataSet.InputColumnProperty.builder().name(name).type(type).build();
    }

    /** A line per month (dt_referencia) of the average of one book variable. */
    private static CfnDashboard.VisualProperty monthlyAverage(String id, String title, String column) {
        return CfnDashboard.VisualProperty.builder()
                .lineChartVisual(CfnDashboard.LineChartVisualProperty.builder()
                        .visualId(id)
                        .title(CfnDashboard.VisualTitleLabelOptionsProperty.builder()
                                .visibility("VISIBLE")
                                .formatText(CfnDashboard.ShortFormatTextProperty.builder().plainText(title).build())
                                .build())
                        .chartConfiguration(CfnDashboard.LineChartConfigurationProperty.builder()
                                .fieldWells(CfnDashboard.LineChartFieldWellsProperty.builder()
                                        .lineChartAggregatedFieldWells(CfnDashboard.LineChartAggregatedFieldWellsProperty.builder()
                                                .category(List.of(CfnDashboard.DimensionFieldProperty.builder()
                                                        .dateDimensionField(CfnDashboard.DateDimensionFieldProperty.builder()
                                                                .fieldId(id + "-mes")
                                                                .column(columnId("dt_referencia"))
                                                                .dateGranularity("MONTH")
                                                                .build())
                                                        .build()))
                                                .values(List.of(CfnDashboard.MeasureFieldProperty.builder()
                                                        .numericalMeasureField(CfnDashboard.NumericalMeasureFieldProperty.builder()
                                                                .fieldId(id + "-valor")
                                                                .column(columnId(column))
                                                                .aggregationFunction(CfnDashboard.NumericalAggregationFunctionProperty.builder()
                                                                        .simpleNumericalAggregation("AVERAGE").build())
                                                                .build())
                                                        .build()))
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static CfnDashboard.ColumnIdentifierProperty columnId(String name) {
        return CfnDashboard.ColumnIdentifierProperty.builder().dataSetIdentifier(BOOK).columnName(name).build();
    }

    public CfnDataSource dataSource() {
        return dataSource;
    }

    public CfnDataSet bookDataSet() {
        return bookDataSet;
    }

    public CfnDataSet quarantineDataSet() {
        return quarantineDataSet;
    }

    public CfnDashboard dashboard() {
        return dashboard;
    }
}
