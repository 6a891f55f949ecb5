package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Who may touch which layer, written as explicit IAM statements (not CDK grant helpers, which use wildcard
 * actions such as s3:GetObject* / s3:List*): each role gets exactly the actions and prefixes listed below.
 *
 * <ul>
 *   <li>application role (Managed Flink): reads landing/ and raw/; adds to raw/ (never deletes there); writes
 *       curated/, quarantine/, refined/ (the Iceberg tables, through S3FileIO), _runs/ and _metrics/; commits the
 *       tables through Iceberg's GlueCatalog in the lake's Glue database only ({@link #GLUE_COMMIT}). It also reads
 *       back what it writes (see {@link LakeLayout#APP_READS_BACK}): without that the job cannot build the book or
 *       commit its output.</li>
 *   <li>analyst: reads curated/ and refined/, queries them through its own Athena workgroup and the Glue catalog;
 *       never raw/ nor quarantine/.</li>
 *   <li>data engineer: reads every prefix (and object versions, for rollbacks), queries through its own Athena
 *       workgroup, and may start a manual re-run of a month.</li>
 * </ul>
 *
 * <p>IAM here controls S3 prefixes and whole Glue tables, so an analyst can still see the <em>metadata</em> of a
 * raw table (never its data). With {@code lakeFormation=true} ({@link LakeFormationAccess}) analysts lose their S3
 * prefix grants and read through Lake Formation's credential vending, per LF-tag.
 */
public final class LakeAccess extends Construct {
    static final List<String> S3_READ = List.of("s3:GetObject");
    static final List<String> S3_WRITE = List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
    /** raw/: objects are added, never deleted (the bucket policy denies it to everyone, too). */
    static final List<String> S3_ADD = List.of("s3:PutObject", "s3:AbortMultipartUpload");
    static final List<String> KMS_DATA = List.of("kms:Decrypt", "kms:GenerateDataKey");
    /** Athena on Iceberg tables reads the table (its metadata_location); Iceberg tables have no Glue partitions. */
    static final List<String> GLUE_READ = List.of(
            "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables");
    /**
     * What Iceberg's GlueCatalog calls to commit (flink-app's S3LakeIT checks the job calls nothing else): a commit
     * reads the table and updates it with the version it read (GetTable, UpdateTable); the first one creates it;
     * the database is only looked up (created here, never by the job). No partition APIs, no DeleteTable.
     */
    static final List<String> GLUE_COMMIT = List.of(
            "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable");
    static final List<String> ATHENA_QUERY = List.of(
            "athena:StartQueryExecution", "athena:StopQueryExecution", "athena:GetQueryExecution",
            "athena:GetQueryResults", "athena:GetQueryResultsStream", "athena:BatchGetQueryExecution",
            "athena:ListQueryExecutions", "athena:GetWorkGroup");
    static final List<String> ATHENA_RESULTS_OBJECTS = List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload");
    static final List<String> ATHENA_RESULTS_BUCKET = List.of("s3:GetBucketLocation");

    public static final String ANALYST_ROLE = "pod-cartoes-analista";
    public static final String DATA_ENGINEER_ROLE = "pod-cartoes-engenharia-dados";

    private final LakeStorage storage;
    private final CatalogAndAthena catalog;
    private final Role applicationRole;
    private final Role analystRole;
    private final ManagedPolicy analystPolicy;
    private final Role dataEngineerRole;
    private final ManagedPolicy dataEngineerPolicy;

    /** With Lake Formation on, analysts read the lake through LF's credential vending, not S3 prefix grants. */
    static final List<String> LF_DATA_ACCESS = List.of("lakeformation:GetDataAccess");

    private final boolean lakeFormation;

    public LakeAccess(Construct scope, String id, LakeStorage storage, CatalogAndAthena catalog, boolean lakeFormation) {
        super(scope, id);
        this.lakeFormation = lakeFormation;
        this.storage = storage;
        this.catalog = catalog;

        applicationRole = Role.Builder.create(this, "ApplicationRole")
                .description("PoD Cartoes: Managed Flink application (reads landing/raw, writes the lake layers)")
                // Confused-deputy guard: only Managed Flink acting for this account may assume it.
                .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com")
                        .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        Policy.Builder.create(this, "ApplicationLakeAccess")
                .roles(List.of(applicationRole))
                .statements(applicationStatements())
                .build();

        analystPolicy = ManagedPolicy.Builder.create(this, "AnalystPolicy")
                .managedPolicyName("pod-cartoes-analista")
                .description("PoD Cartoes: leitura de curated/ e refined/ via Athena e Glue (nunca raw/ nem quarantine/)")
                .statements(analystStatements())
                .build();
        analystRole = humanRole("AnalystRole", ANALYST_ROLE, analystPolicy);

        dataEngineerPolicy = ManagedPolicy.Builder.create(this, "DataEngineerPolicy")
                .managedPolicyName("pod-cartoes-engenharia-dados")
                .description("PoD Cartoes: leitura de todas as camadas do lake, Athena e re-execucao manual de um mes")
                .statements(dataEngineerStatements())
                .build();
        dataEngineerRole = humanRole("DataEngineerRole", DATA_ENGINEER_ROLE, dataEngineerPolicy);
    }

    /** Human roles are assumable from the account; who in the account may assume them is decided in IAM/SSO. */
    private Role humanRole(String id, String name, ManagedPolicy policy) {
        return Role.Builder.create(this, id)
                .roleName(name)
                .assumedBy(new AccountRootPrincipal())
                .managedPolicies(List.of(policy))
                .build();
    }

    private List<PolicyStatement> applicationStatements() {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(allow("ReadLandingAndRaw", S3_READ, objects(LakeLayout.APP_READS)));
        statements.add(allow("WriteLakeLayers", S3_WRITE, objects(LakeLayout.APP_OVERWRITES)));
        statements.add(allow("AddRawFiles", S3_ADD, objects(LakeLayout.WRITE_ONCE)));
        statements.add(allow("ReadBackOwnOutputs", S3_READ, objects(LakeLayout.APP_READS_BACK)));
        // Writers list their target prefix (overwrite of a month, committers), so listing covers every prefix
        // the job touches; listing returns key names only, never data.
        statements.add(listPrefixes("ListApplicationPrefixes", LakeLayout.ALL));
        statements.add(useLakeKey("UseLakeKey"));
        statements.add(allow("CommitIcebergTables", GLUE_COMMIT,
                List.of(catalog.catalogArn(), catalog.databaseArn(), catalog.tablesArn())));
        return statements;
    }

    private List<PolicyStatement> analystStatements() {
        List<PolicyStatement> statements = new ArrayList<>();
        if (lakeFormation) {
            // LF decides per table (LF-tags camada=curated|refined) and vends the S3 credentials itself.
            statements.add(allow("LakeFormationDataAccess", LF_DATA_ACCESS, List.of("*")));
        } else {
            statements.add(allow("ReadCuratedAndRefined", S3_READ, objects(LakeLayout.ANALYST_READS)));
            statements.add(listPrefixes("ListCuratedAndRefined", LakeLayout.ANALYST_READS));
            statements.add(useLakeKey("UseLakeKey"));
        }
        statements.addAll(queryStatements(CatalogAndAthena.ANALYSTS_WORKGROUP, CatalogAndAthena.ANALYSTS_RESULTS));
        return statements;
    }

    private List<PolicyStatement> dataEngineerStatements() {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(allow("ReadAllLayers", List.of("s3:GetObject", "s3:GetObjectVersion"),
                List.of(storage.bucket().arnForObjects("*"))));
        statements.add(allow("ListAllLayers", List.of("s3:ListBucket", "s3:ListBucketVersions"),
                List.of(storage.bucket().getBucketArn())));
        if (lakeFormation) {
            // Queries go through LF; the direct S3 reads above stay for object versions (rollbacks) and _runs/.
            statements.add(allow("LakeFormationDataAccess", LF_DATA_ACCESS, List.of("*")));
        }
        statements.add(useLakeKey("UseLakeKey"));
        statements.addAll(queryStatements(CatalogAndAthena.ENGINEERS_WORKGROUP, CatalogAndAthena.ENGINEERS_RESULTS));
        return statements;
    }

    /** Athena through the role's own workgroup, Glue read on the lake database, results in that workgroup's prefix. */
    private List<PolicyStatement> queryStatements(String workGroup, String resultsPrefix) {
        return List.of(
                allow("QueryThroughWorkGroup", ATHENA_QUERY, List.of(CatalogAndAthena.workGroupArn(workGroup))),
                allow("ReadLakeCatalog", GLUE_READ,
                        List.of(catalog.catalogArn(), catalog.databaseArn(), catalog.tablesArn())),
                allow("AthenaResultsObjects", ATHENA_RESULTS_OBJECTS,
                        List.of(catalog.resultsBucket().arnForObjects(resultsPrefix + "*"))),
                allow("AthenaResultsBucket", ATHENA_RESULTS_BUCKET, List.of(catalog.resultsBucket().getBucketArn())),
                // Listing only the role's own results: GetBucketLocation has no prefix, hence two statements.
                PolicyStatement.Builder.create().sid("ListOwnAthenaResults").actions(List.of("s3:ListBucket"))
                        .resources(List.of(catalog.resultsBucket().getBucketArn()))
                        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(resultsPrefix + "*")))).build());
    }

    /** Lets data engineers re-run a month by hand (README: start the state machine with {"month":"YYYY-MM"}). */
    public void allowManualRuns(IStateMachine stateMachine, String stateMachineName) {
        dataEngineerPolicy.addStatements(
                allow("StartMonthlyRun", List.of("states:StartExecution"), List.of(stateMachine.getStateMachineArn())),
                allow("FollowMonthlyRuns", List.of("states:DescribeExecution", "states:GetExecutionHistory", "states:StopExecution"),
                        List.of("arn:" + Aws.PARTITION + ":states:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":execution:" + stateMachineName + ":*")));
    }

    private List<String> objects(List<String> prefixes) {
        return prefixes.stream().map(p -> storage.bucket().arnForObjects(p + "*")).toList();
    }

    private PolicyStatement listPrefixes(String sid, List<String> prefixes) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(storage.bucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", prefixes.stream().map(p -> p + "*").toList())))
                .build();
    }

    /** The lake key, only when S3 uses it on the caller's behalf (not for direct kms:Decrypt of anything). */
    private PolicyStatement useLakeKey(String sid) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(KMS_DATA)
                .resources(List.of(storage.key().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + ".amazonaws.com")))
                .build();
    }

    static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    public Role applicationRole() {
        return applicationRole;
    }

    public Role analystRole() {
        return analystRole;
    }

    public ManagedPolicy analystPolicy() {
        return analystPolicy;
    }

    public Role dataEngineerRole() {
        return dataEngineerRole;
    }

    public ManagedPolicy dataEngineerPolicy() {
        return dataEngineerPolicy;
    }
}
