package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The IAM of each layer, asserted action by action and ARN by ARN. */
class LakeAccessTest {
    private static final String ACCOUNT_ARN = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:";

    private final Synthesized app = Synthesized.app();
    private final LakeAccess access = app.stacks.lake().access();
    private final String bucket = "${" + Synthesized.logicalId(app.stacks.lake().storage().bucket()) + ".Arn}";
    private final String key = "${" + Synthesized.logicalId(app.stacks.lake().storage().key()) + ".Arn}";
    private final List<JsonNode> application = app.statementsOf(Synthesized.logicalId(access.applicationRole()));
    private final List<JsonNode> analyst = app.statementsOf(Synthesized.logicalId(access.analystRole()));
    private final List<JsonNode> engineer = app.statementsOf(Synthesized.logicalId(access.dataEngineerRole()));

    @Test
    void applicationReadsLandingAndRaw() {
        JsonNode read = Synthesized.statement(application, "ReadLandingAndRaw");
        assertEquals(List.of("s3:GetObject"), Synthesized.strings(read.get("Action")));
        assertEquals(Set.of(bucket + "/landing/*", bucket + "/raw/*"), set(read.get("Resource")));
    }

    @Test
    void applicationReadsBackOnlyWhatItWrites() {
        JsonNode read = Synthesized.statement(application, "ReadBackOwnOutputs");
        assertEquals(List.of("s3:GetObject"), Synthesized.strings(read.get("Action")));
        assertEquals(Set.of(bucket + "/curated/*", bucket + "/quarantine/*", bucket + "/refined/*", bucket + "/_runs/*",
                bucket + "/_metrics/*"), set(read.get("Resource")));
    }

    /**
     * S3FileIO writes the tables' data and metadata files and deletes only under the table prefixes (an aborted
     * commit's files, maintenance's expired ones); the job also deletes its own _work/ files and rewrites a month
     * of metrics. Delete reaches nothing else.
     */
    @Test
    void applicationWritesAndDeletesOnlyUnderTheTablesRunsAndMetrics() {
        JsonNode write = Synthesized.statement(application, "WriteLakeLayers");
        assertEquals(Set.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"), set(write.get("Action")));
        assertEquals(Set.of(bucket + "/curated/*", bucket + "/quarantine/*",
                bucket + "/refined/*", bucket + "/_runs/*", bucket + "/_metrics/*"), set(write.get("Resource")));
        Set<String> deletable = application.stream().filter(s -> set(s.get("Action")).contains("s3:DeleteObject"))
                .flatMap(s -> Synthesized.strings(s.get("Resource")).stream()).collect(Collectors.toSet());
        assertEquals(set(write.get("Resource")), deletable);
    }

    @Test
    void applicationAddsToRawButNeverDeletesThere() {
        JsonNode add = Synthesized.statement(application, "AddRawFiles");
        assertEquals(Set.of("s3:PutObject", "s3:AbortMultipartUpload"), set(add.get("Action")));
        assertEquals(List.of(bucket + "/raw/*"), Synthesized.strings(add.get("Resource")));
        application.stream().filter(s -> Synthesized.strings(s.get("Resource")).contains(bucket + "/raw/*"))
                .forEach(s -> assertFalse(set(s.get("Action")).stream().anyMatch(a -> a.startsWith("s3:Delete")), s.toString()));
    }

    @Test
    void applicationHasNoOtherAccessToTheLakeBucket() {
        Set<String> sids = application.stream().filter(s -> mentions(s, bucket)).map(s -> s.get("Sid").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("ReadLandingAndRaw", "ReadBackOwnOutputs", "WriteLakeLayers", "AddRawFiles", "ListApplicationPrefixes"), sids);
        JsonNode list = Synthesized.statement(application, "ListApplicationPrefixes");
        assertEquals(List.of("s3:ListBucket"), Synthesized.strings(list.get("Action")));
        assertEquals(List.of(bucket), Synthesized.strings(list.get("Resource")));
        assertEquals(Set.of("landing/*", "raw/*", "curated/*", "quarantine/*", "refined/*", "_runs/*", "_metrics/*"),
                set(list.at("/Condition/StringLike/s3:prefix")));
        // Every grant on the lake is per prefix of the layout: never the whole bucket, never another prefix.
        Set<String> layout = LakeLayout.ALL.stream().map(p -> bucket + "/" + p + "*").collect(Collectors.toSet());
        application.stream().filter(s -> mentions(s, bucket) && !"ListApplicationPrefixes".equals(s.get("Sid").asText()))
                .flatMap(s -> Synthesized.strings(s.get("Resource")).stream())
                .forEach(arn -> assertTrue(layout.contains(arn), arn));
        // Writes never reach landing/: the monthly files are the job's input, not its output.
        assertFalse(Synthesized.strings(Synthesized.statement(application, "WriteLakeLayers").get("Resource"))
                .contains(bucket + "/landing/*"));
    }

    /** Iceberg's GlueCatalog commits with these calls and no others (flink-app's S3LakeIT checks the job's calls). */
    @Test
    void applicationCommitsIcebergTablesInTheLakeDatabaseOnly() {
        JsonNode commit = Synthesized.statement(application, "CommitIcebergTables");
        assertEquals(Set.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable"),
                set(commit.get("Action")));
        assertEquals(Set.of(ACCOUNT_ARN + "catalog", ACCOUNT_ARN + "database/pod_cartoes",
                ACCOUNT_ARN + "table/pod_cartoes/*"), set(commit.get("Resource")));
        Set<String> glue = application.stream().flatMap(s -> set(s.get("Action")).stream())
                .filter(a -> a.startsWith("glue:")).collect(Collectors.toSet());
        assertEquals(set(commit.get("Action")), glue, "no other Glue action: no CreateDatabase, DeleteTable, partitions");
    }

    /** Iceberg tables have no Glue partitions: nobody is granted a partition API any more. */
    @Test
    void noRoleHasAGluePartitionApi() {
        for (JsonNode statement : app.allStatements()) {
            assertTrue(set(statement.get("Action")).stream().noneMatch(a -> a.startsWith("glue:") && a.contains("Partition")),
                    statement.toString());
        }
    }

    @Test
    void applicationUsesTheLakeKeyOnlyThroughS3() {
        JsonNode kms = Synthesized.statement(application, "UseLakeKey");
        assertEquals(Set.of("kms:Decrypt", "kms:GenerateDataKey"), set(kms.get("Action")));
        assertEquals(List.of(key), Synthesized.strings(kms.get("Resource")));
        assertEquals("s3.${AWS::Region}.amazonaws.com", Synthesized.render(kms.at("/Condition/StringEquals/kms:ViaService")));
    }

    @Test
    void applicationRoleIsAssumedByManagedFlinkOfThisAccountOnly() {
        JsonNode trust = app.resource(Synthesized.logicalId(access.applicationRole()))
                .at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertEquals("kinesisanalytics.amazonaws.com", trust.at("/Principal/Service").asText());
        assertEquals("${AWS::AccountId}", Synthesized.render(trust.at("/Condition/StringEquals/aws:SourceAccount")));
    }

    @Test
    void analystReadsCuratedAndRefinedButNeverRawNorQuarantine() {
        JsonNode read = Synthesized.statement(analyst, "ReadCuratedAndRefined");
        assertEquals(List.of("s3:GetObject"), Synthesized.strings(read.get("Action")));
        assertEquals(Set.of(bucket + "/curated/*", bucket + "/refined/*"), set(read.get("Resource")));
        JsonNode list = Synthesized.statement(analyst, "ListCuratedAndRefined");
        assertEquals(Set.of("curated/*", "refined/*"), set(list.at("/Condition/StringLike/s3:prefix")));

        for (JsonNode statement : analyst) {
            String text = statement.toString();
            for (String forbidden : List.of("raw/", "quarantine/", "landing/", "_runs/")) {
                assertFalse(text.contains(forbidden), statement.get("Sid") + " mentions " + forbidden);
            }
            // The only thing an analyst writes is Athena query results, in the results bucket.
            assertFalse(set(statement.get("Action")).stream().anyMatch(a -> a.startsWith("glue:Create")
                    || a.startsWith("glue:Update") || a.startsWith("glue:Delete")), statement.get("Sid") + " writes Glue");
            if (mentions(statement, bucket)) {
                assertTrue(Set.of("ReadCuratedAndRefined", "ListCuratedAndRefined").contains(statement.get("Sid").asText()));
                assertTrue(set(statement.get("Action")).stream().allMatch(a -> a.equals("s3:GetObject") || a.equals("s3:ListBucket")),
                        statement.get("Sid") + " does more than read the lake");
            }
        }
    }

    @Test
    void analystQueriesThroughTheWorkgroupAndReadsTheCatalog() {
        JsonNode athena = Synthesized.statement(analyst, "QueryThroughWorkGroup");
        assertEquals(Set.copyOf(LakeAccess.ATHENA_QUERY), set(athena.get("Action")));
        assertEquals(List.of("arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/pod-cartoes-analistas"),
                Synthesized.strings(athena.get("Resource")));
        JsonNode glue = Synthesized.statement(analyst, "ReadLakeCatalog");
        assertEquals(Set.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables"),
                set(glue.get("Action")));
        assertEquals(Set.of(ACCOUNT_ARN + "catalog", ACCOUNT_ARN + "database/pod_cartoes",
                ACCOUNT_ARN + "table/pod_cartoes/*"), set(glue.get("Resource")));
        String results = "${" + Synthesized.logicalId(app.stacks.lake().catalog().resultsBucket()) + ".Arn}";
        assertEquals(List.of(results + "/athena-results/analistas/*"),
                Synthesized.strings(Synthesized.statement(analyst, "AthenaResultsObjects").get("Resource")));
    }

    @Test
    void analystsAndEngineersNeverShareWorkgroupsOrQueryResults() {
        String results = "${" + Synthesized.logicalId(app.stacks.lake().catalog().resultsBucket()) + ".Arn}";
        assertEquals(List.of("arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/pod-cartoes-engenharia"),
                Synthesized.strings(Synthesized.statement(engineer, "QueryThroughWorkGroup").get("Resource")));
        assertEquals(List.of(results + "/athena-results/engenharia/*"),
                Synthesized.strings(Synthesized.statement(engineer, "AthenaResultsObjects").get("Resource")));
        for (List<JsonNode> role : List.of(analyst, engineer)) {
            JsonNode list = Synthesized.statement(role, "ListOwnAthenaResults");
            assertEquals(1, Synthesized.strings(list.at("/Condition/StringLike/s3:prefix")).size());
        }
        assertFalse(analyst.toString().contains("engenharia"));
        assertFalse(engineer.toString().contains("analistas"));
    }

    @Test
    void dataEngineerReadsEveryLayerAndItsVersionsButWritesNothing() {
        JsonNode read = Synthesized.statement(engineer, "ReadAllLayers");
        assertEquals(Set.of("s3:GetObject", "s3:GetObjectVersion"), set(read.get("Action")));
        assertEquals(List.of(bucket + "/*"), Synthesized.strings(read.get("Resource")));
        JsonNode list = Synthesized.statement(engineer, "ListAllLayers");
        assertEquals(Set.of("s3:ListBucket", "s3:ListBucketVersions"), set(list.get("Action")));
        engineer.stream().filter(s -> mentions(s, bucket)).forEach(s -> assertTrue(
                set(s.get("Action")).stream().allMatch(a -> a.startsWith("s3:Get") || a.startsWith("s3:List")),
                s.get("Sid") + " is not read-only"));
    }

    @Test
    void dataEngineerCanReRunAMonth() {
        JsonNode start = Synthesized.statement(engineer, "StartMonthlyRun");
        assertEquals(List.of("states:StartExecution"), Synthesized.strings(start.get("Action")));
        assertEquals(List.of("${" + Synthesized.logicalId(app.stacks.lake().workflow().stateMachine()) + "}"),
                Synthesized.strings(start.get("Resource")));
    }

    @Test
    void humanRolesHaveStableNamesAndManagedPolicies() {
        assertEquals("pod-cartoes-analista",
                app.resource(Synthesized.logicalId(access.analystRole())).at("/Properties/RoleName").asText());
        assertEquals("pod-cartoes-engenharia-dados",
                app.resource(Synthesized.logicalId(access.dataEngineerRole())).at("/Properties/RoleName").asText());
        assertEquals("pod-cartoes-analista",
                app.resource(Synthesized.logicalId(access.analystPolicy())).at("/Properties/ManagedPolicyName").asText());
    }

    @Test
    void nothingGrantsStarOnTheBucketOrAnyS3ActionOnStar() {
        for (JsonNode statement : app.allStatements()) {
            if (!"Allow".equals(statement.get("Effect").asText())) {
                continue;
            }
            Set<String> actions = set(statement.get("Action"));
            List<String> resources = Synthesized.strings(statement.get("Resource"));
            assertFalse(actions.contains("*") || actions.contains("s3:*"), "wildcard action in " + statement);
            assertFalse(actions.stream().anyMatch(a -> a.startsWith("s3:") && a.endsWith("*")), "s3 wildcard in " + statement);
            if (actions.stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertFalse(resources.contains("*"), "s3 action on * in " + statement);
            }
            if (resources.stream().anyMatch(r -> r.startsWith(bucket))) {
                assertFalse(resources.contains(bucket + "/*") && actions.stream().anyMatch(a -> !a.startsWith("s3:Get")),
                        "write on the whole bucket in " + statement);
            }
        }
    }

    private static boolean mentions(JsonNode statement, String arnPrefix) {
        return Synthesized.strings(statement.get("Resource")).stream().anyMatch(r -> r.startsWith(arnPrefix));
    }

    private static Set<String> set(JsonNode node) {
        return Set.copyOf(Synthesized.strings(node));
    }
}
