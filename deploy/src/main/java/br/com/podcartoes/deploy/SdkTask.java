package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsServiceJsonataProps;
import software.constructs.Construct;

/**
 * One AWS SDK call of a state machine (JSONata), with its IAM action scoped to the given resources and a retry on
 * {@link TransientErrors} only. No Lambda anywhere: every step of every workflow here is one of these.
 */
final class SdkTask {
    private final Construct scope;
    private final String id;
    private final String service;
    private final String action;
    private final String iamAction;
    private final List<String> resources;
    private Map<String, ?> arguments = Map.of();
    private Map<String, ?> assign = Map.of();
    private List<String> alsoTransient = List.of();
    private int attempts = 3;
    private Duration interval = Duration.seconds(20);
    private final List<PolicyStatement> extraStatements = new ArrayList<>();

    private SdkTask(Construct scope, String id, String service, String action, String iamAction, List<String> resources) {
        this.scope = scope;
        this.id = id;
        this.service = service;
        this.action = action;
        this.iamAction = iamAction;
        this.resources = resources;
    }

    static SdkTask of(Construct scope, String id, String service, String action, String iamAction, List<String> resources) {
        return new SdkTask(scope, id, service, action, iamAction, resources);
    }

    SdkTask arguments(Map<String, ?> value) {
        this.arguments = value;
        return this;
    }

    SdkTask assign(Map<String, ?> value) {
        this.assign = value;
        return this;
    }

    /** Service errors that are transient for this call only (e.g. ResourceInUse while Managed Flink settles). */
    SdkTask alsoRetry(List<String> errorNames) {
        this.alsoTransient = errorNames;
        return this;
    }

    SdkTask retries(int maxAttempts, Duration firstInterval) {
        this.attempts = maxAttempts;
        this.interval = firstInterval;
        return this;
    }

    SdkTask also(PolicyStatement statement) {
        extraStatements.add(statement);
        return this;
    }

    CallAwsService build() {
        CallAwsServiceJsonataProps.Builder props = CallAwsServiceJsonataProps.builder()
                .service(service)
                .action(action)
                .iamAction(iamAction)
                .iamResources(resources)
                .parameters(arguments);
        if (!assign.isEmpty()) {
            props.assign(assign);
        }
        if (!extraStatements.isEmpty()) {
            props.additionalIamStatements(extraStatements);
        }
        CallAwsService task = CallAwsService.jsonata(scope, id, props.build());
        task.addRetry(TransientErrors.retry(service, alsoTransient, attempts, interval));
        return task;
    }
}
