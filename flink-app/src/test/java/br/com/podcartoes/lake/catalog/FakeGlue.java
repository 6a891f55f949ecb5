package br.com.podcartoes.lake.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * A Glue endpoint on loopback (WireMock) that answers the JSON protocol the SDK speaks, and the requests
 * it received, in order. Unstubbed calls succeed with an empty answer.
 */
public final class FakeGlue implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIAFAKEFAKEFAKE";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as Glue saw it: the operation ({@code X-Amz-Target} without {@code AWSGlue.}) and body. */
    public record Call(String target, JsonNode body, String authorization) {
        public String operation() {
            return target.substring("AWSGlue.".length());
        }
    }

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public FakeGlue() {
        server.start();
        reset();
    }

    public void reset() {
        server.resetAll();
        server.stubFor(post("/").atPriority(10).willReturn(ok("{}")));
    }

    /** The endpoint URL, as {@code --glue-endpoint} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A real GlueClient pointed here: fake static credentials, us-east-1. */
    public GlueClient client() {
        return GlueClients.create(URI.create(endpoint()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "fake-secret-key")));
    }

    public GlueCatalogRegistrar registrar(String lake) {
        return new GlueCatalogRegistrar(this::client, "pod_cartoes", new LakeCatalog(lake));
    }

    /** Answers {@code operation} (optionally only for a table, by {@code $.TableInput.Name} or {@code $.TableName}). */
    public void answer(String operation, String table, ResponseDefinitionBuilder response) {
        server.stubFor(request(operation, table).atPriority(1).willReturn(response));
    }

    /** The first call to {@code operation} on {@code table} gets {@code first}, later ones {@code then}. */
    public void answerOnce(String operation, String table, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        String scenario = operation + "-" + table;
        server.stubFor(request(operation, table).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered").willReturn(first));
        server.stubFor(request(operation, table).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("answered").willReturn(then));
    }

    private static MappingBuilder request(String operation, String table) {
        MappingBuilder m = post("/").withHeader("X-Amz-Target", equalTo("AWSGlue." + operation));
        if (table != null) {
            String path = operation.endsWith("Table") ? "$.TableInput.Name" : "$.TableName";
            m = m.withRequestBody(matchingJsonPath(path, equalTo(table)));
        }
        return m;
    }

    public static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE).withBody(body);
    }

    /** An error the way Glue sends it: HTTP 400, the code in {@code __type} and in {@code x-amzn-ErrorType}. */
    public static ResponseDefinitionBuilder error(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-ErrorType", code + ":")
                .withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                .withBody("{\"__type\":\"" + code + "\",\"Message\":\"" + message + "\"}");
    }

    public List<Call> calls() throws Exception {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        List<Call> out = new ArrayList<>();
        for (ServeEvent e : events) {
            out.add(new Call(e.getRequest().getHeader("X-Amz-Target"), JSON.readTree(e.getRequest().getBodyAsString()),
                    e.getRequest().getHeader("Authorization")));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
