package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Context parsing and validation: plain Java, no synthesis. */
class DeployConfigTest {
    @Test
    void defaults() {
        DeployConfig config = DeployConfig.fromMap(Map.of());
        assertEquals("pod_cartoes", config.glueDatabase());
        assertEquals("pod-cartoes-lake.jar", config.artifactsKey());
        assertEquals(5, config.scheduleDay());
        assertEquals(6, config.scheduleHour());
        assertEquals("America/Sao_Paulo", config.scheduleTimezone());
        assertEquals("sa-east-1", config.region());
        assertEquals(new BigDecimal("0.17"), config.kpuPriceUsd(), "the KPU price of the project's region, not us-east-1's");
        assertEquals(new BigDecimal("50"), config.monthlyBudgetUsd());
        assertEquals(config.monthlyBudgetUsd(), config.billingAlarmUsd(), "billing alarm defaults to the budget");
        assertNull(config.slackWorkspaceId());
        assertNull(config.artifactsBucket());
        assertTrue(config.usesPlaceholderEmail());
    }

    @Test
    void kpuPriceFollowsTheRegionAndIsRequiredWhereUnknown() {
        assertEquals(new BigDecimal("0.11"), DeployConfig.fromMap(Map.of("region", "us-east-1")).kpuPriceUsd());
        assertInvalid(Map.of("region", "eu-west-3"), "kpuPriceUsd");
        assertEquals(new BigDecimal("0.13"), DeployConfig.fromMap(Map.of("region", "eu-west-3", "kpuPriceUsd", "0.13")).kpuPriceUsd());
    }

    @Test
    void cliStringsAndCdkJsonNumbersAreBothAccepted() {
        DeployConfig config = DeployConfig.fromMap(Map.of("scheduleDay", 10, "scheduleHour", "22", "kpuPriceUsd", 0.2));
        assertEquals(10, config.scheduleDay());
        assertEquals(22, config.scheduleHour());
        assertEquals(new BigDecimal("0.2"), config.kpuPriceUsd());
    }

    @Test
    void rejectsValuesThatWouldBreakTheMonthlyRun() {
        assertInvalid(Map.of("scheduleDay", "31"), "scheduleDay");
        assertInvalid(Map.of("scheduleHour", "24"), "scheduleHour");
        assertInvalid(Map.of("notificationEmail", "not-an-email"), "notificationEmail");
        assertInvalid(Map.of("slackWorkspaceId", "T1"), "slackWorkspaceId");
        assertInvalid(Map.of("glueDatabase", "Pod-Cartoes"), "glueDatabase");
        assertInvalid(Map.of("rawInfrequentAccessAfterDays", "10"), "rawInfrequentAccessAfterDays");
        assertInvalid(Map.of("athenaBytesScannedCutoffPerQuery", "1000"), "athenaBytesScannedCutoffPerQuery");
        assertInvalid(Map.of("kpuPriceUsd", "0"), "kpuPriceUsd");
        assertInvalid(Map.of("jobTimeoutMinutes", "5"), "jobTimeoutMinutes");
        assertInvalid(Map.of("reportDeadlineDay", "4"), "reportDeadlineDay");
        assertInvalid(Map.of("landingExpirationDays", "3"), "landingExpirationDays");
        assertInvalid(Map.of("quicksight", "true"), "quicksightPrincipalArn");
    }

    private static void assertInvalid(Map<String, ?> context, String key) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DeployConfig.fromMap(context));
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }
}
