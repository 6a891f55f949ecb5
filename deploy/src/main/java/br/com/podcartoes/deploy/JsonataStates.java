package br.com.podcartoes.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/** Small pieces shared by the JSONata state machines. */
final class JsonataStates {
    /** Catch every error, assigning the given variables (none: just go on). */
    static CatchProps catchAll(Map<String, Object> assign) {
        CatchProps.Builder props = CatchProps.builder().errors(List.of("States.ALL"));
        if (!assign.isEmpty()) {
            props.assign(assign);
        }
        return props.build();
    }

    /** ['A', 'B'] as a JSONata array literal. */
    static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "'" + v + "'").toList()) + "]";
    }

    /** Assignments recording where and why a run failed; error null = the caught error. */
    static Map<String, Object> failure(String stage, String error) {
        return Map.of(
                "outcome", "FALHA",
                "failureStage", stage,
                "failureError", error != null ? error
                        : "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}");
    }

    /** DescribeApplication, assigning $appStatus (and whatever else is given). */
    static CallAwsService describe(Construct scope, FlinkApplication application, String id, Map<String, ?> alsoAssign) {
        Map<String, Object> assign = new LinkedHashMap<>(alsoAssign);
        assign.put("appStatus", "{% $states.result.ApplicationDetail.ApplicationStatus %}");
        return SdkTask.of(scope, id, "kinesisanalyticsv2", "describeApplication", "kinesisanalytics:DescribeApplication",
                        List.of(application.applicationArn()))
                .arguments(Map.of("ApplicationName", application.applicationName()))
                .assign(assign)
                .build();
    }

    private JsonataStates() {
    }
}
