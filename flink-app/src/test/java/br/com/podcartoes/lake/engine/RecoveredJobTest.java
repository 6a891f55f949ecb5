package br.com.podcartoes.lake.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JobManager's answer about the application's fixed job id decides whether leftovers may be cleaned. */
class RecoveredJobTest {
    static final String JOB = "00000000000000000000000000000abc";

    WireMockServer jobManager;

    @BeforeEach
    void start() {
        jobManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jobManager.start();
    }

    @AfterEach
    void stop() {
        jobManager.stop();
    }

    private Configuration applicationMode() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, JOB);
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, jobManager.port());
        return conf;
    }

    private void answer(int status, String body) {
        jobManager.stubFor(get(urlEqualTo("/jobs/" + JOB)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void withoutAFixedJobIdNothingIsRecoveredAndNothingIsAsked() {
        assertFalse(RecoveredJob.running(new Configuration()));
        jobManager.verify(0, getRequestedFor(urlEqualTo("/jobs/" + JOB)));
    }

    @Test
    void anUnknownJobIsAFreshRun() {
        answer(404, "{\"errors\":[\"Job could not be found.\"]}");
        assertFalse(RecoveredJob.running(applicationMode()));
        jobManager.verify(1, getRequestedFor(urlEqualTo("/jobs/" + JOB)));
    }

    @Test
    void aRunningOrRestartingJobIsBeingRecovered() {
        answer(200, "{\"jid\":\"" + JOB + "\",\"state\":\"RUNNING\"}");
        assertTrue(RecoveredJob.running(applicationMode()));
        answer(200, "{\"jid\":\"" + JOB + "\",\"state\":\"RESTARTING\"}");
        assertTrue(RecoveredJob.running(applicationMode()));
    }

    @Test
    void anEndedJobIsNotRunning() {
        answer(200, "{\"jid\":\"" + JOB + "\",\"state\":\"FINISHED\"}");
        assertFalse(RecoveredJob.running(applicationMode()));
    }

    @Test
    void anUnreachableJobManagerKeepsTheStagingFolders() {
        Configuration conf = applicationMode();
        jobManager.stop();
        assertTrue(RecoveredJob.running(conf), "unknown: do not delete what may be a live job's files");
    }
}
