package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class FlinkApplicationTest {
    private final Synthesized app = Synthesized.app();
    private final FlinkApplication flink = app.stacks.lake().application();
    private final JsonNode properties = app.resource(Synthesized.logicalId(flink.application())).get("Properties");
    private final String bucket = "${" + Synthesized.logicalId(app.stacks.lake().storage().bucket()) + "}";

    @Test
    void runsOnTheFlink22RuntimeWithTheApplicationRole() {
        assertEquals("FLINK-2_2", properties.get("RuntimeEnvironment").asText());
        assertEquals("pod-cartoes-lake", properties.get("ApplicationName").asText());
        assertEquals("${" + Synthesized.logicalId(app.stacks.lake().access().applicationRole()) + ".Arn}",
                Synthesized.render(properties.get("ServiceExecutionRole")));
    }

    @Test
    void runsTheJarFromTheArtifactsBucket() {
        JsonNode code = properties.at("/ApplicationConfiguration/ApplicationCodeConfiguration");
        assertEquals("ZIPFILE", code.get("CodeContentType").asText());
        JsonNode location = code.at("/CodeContent/S3ContentLocation");
        assertEquals("pod-cartoes-lake.jar", location.get("FileKey").asText());
        // The artifacts bucket comes from the PodCartoesArtifacts stack.
        assertEquals(true, Synthesized.render(location.get("BucketARN")).startsWith("${Import:"));
    }

    @Test
    void pipelinePropertyGroupCarriesEveryKeyTheJobReads() {
        JsonNode group = properties.at("/ApplicationConfiguration/EnvironmentProperties/PropertyGroups/0");
        assertEquals("pipeline", group.get("PropertyGroupId").asText());
        Map<String, String> map = new LinkedHashMap<>();
        group.get("PropertyMap").fields().forEachRemaining(e -> map.put(e.getKey(), Synthesized.render(e.getValue())));
        assertEquals(Map.of(
                "command", "run",
                "lake", "s3://" + bucket,
                "landing", "s3://" + bucket + "/landing",
                "catalog", "glue",
                "glue-database", "pod_cartoes",
                "month", "unset",
                "run-id", "unset",
                "kpu-price-usd", "0.12"), map);
    }

    @Test
    void batchSettingsParallelismNoSnapshotsNoCheckpoints() {
        JsonNode flinkConfig = properties.at("/ApplicationConfiguration/FlinkApplicationConfiguration");
        assertEquals("CUSTOM", flinkConfig.at("/ParallelismConfiguration/ConfigurationType").asText());
        assertEquals(4, flinkConfig.at("/ParallelismConfiguration/Parallelism").asInt());
        assertEquals(2, flinkConfig.at("/ParallelismConfiguration/ParallelismPerKPU").asInt());
        assertFalse(flinkConfig.at("/ParallelismConfiguration/AutoScalingEnabled").asBoolean(true));
        assertFalse(flinkConfig.at("/CheckpointConfiguration/CheckpointingEnabled").asBoolean(true));
        assertEquals("INFO", flinkConfig.at("/MonitoringConfiguration/LogLevel").asText());
        assertFalse(properties.at("/ApplicationConfiguration/ApplicationSnapshotConfiguration/SnapshotsEnabled").asBoolean(true));
    }

    @Test
    void logsGoToCloudWatch() {
        JsonNode logging = app.resources("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption").values()
                .iterator().next().get("Properties");
        assertEquals("${" + Synthesized.logicalId(flink.application()) + "}", Synthesized.render(logging.get("ApplicationName")));
        String streamId = app.resources("AWS::Logs::LogStream").keySet().iterator().next();
        assertEquals("application", app.resource(streamId).at("/Properties/LogStreamName").asText());
        assertEquals("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
                        + "${" + Synthesized.logicalId(flink.logGroup()) + "}:log-stream:${" + streamId + "}",
                Synthesized.render(logging.at("/CloudWatchLoggingOption/LogStreamARN")));
        assertEquals("/aws/kinesis-analytics/pod-cartoes-lake",
                app.resource(Synthesized.logicalId(flink.logGroup())).at("/Properties/LogGroupName").asText());
    }

    @Test
    void applicationRoleReadsTheJarAndWritesItsLogs() {
        List<JsonNode> statements = app.statementsOf(Synthesized.logicalId(app.stacks.lake().access().applicationRole()));
        JsonNode jar = Synthesized.statement(statements, "ReadApplicationJar");
        assertEquals(List.of("s3:GetObject", "s3:GetObjectVersion"), Synthesized.strings(jar.get("Action")));
        assertEquals(true, Synthesized.strings(jar.get("Resource")).get(0).endsWith("/pod-cartoes-lake.jar"));
        JsonNode logs = Synthesized.statement(statements, "WriteApplicationLogs");
        assertEquals(List.of("logs:DescribeLogStreams", "logs:PutLogEvents"), Synthesized.strings(logs.get("Action")));
    }

    @Test
    void anExistingArtifactsBucketAndKeyCanBeGiven() {
        Synthesized slack = Synthesized.withSlack();
        JsonNode location = slack.resource(Synthesized.logicalId(slack.stacks.lake().application().application()))
                .at("/Properties/ApplicationConfiguration/ApplicationCodeConfiguration/CodeContent/S3ContentLocation");
        assertEquals("arn:${AWS::Partition}:s3:::empresa-artefatos", Synthesized.render(location.get("BucketARN")));
        assertEquals("releases/pod-cartoes-lake.jar", location.get("FileKey").asText());
        assertEquals(null, slack.stacks.artifacts(), "no artifacts stack when the bucket is given");
    }

    @Test
    void billedKpusAreParallelismOverPerKpuPlusOne() {
        assertEquals(3, app.config.billedKpus());
        assertEquals(2, DeployConfig.fromMap(Map.of("parallelism", "1")).billedKpus());
        assertEquals(4, DeployConfig.fromMap(Map.of("parallelism", "5", "parallelismPerKpu", "2")).billedKpus());
    }
}
