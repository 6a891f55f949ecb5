package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.QueryLanguage;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/** The small operational state machines (guard, cleanup, deadline): JSONata, errors logged, allowed to notify. */
final class OpsStateMachine {
    static StateMachine create(Construct scope, String name, String comment, IChainable definition, Duration timeout,
                               DeployConfig config, ITopic topic, IKey logKey) {
        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + name)
                .retention(FlinkApplication.retention(config.logRetentionDays()))
                // Execution data is logged: encrypted with the project key.
                .encryptionKey(logKey)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        StateMachine machine = StateMachine.Builder.create(scope, "StateMachine")
                .stateMachineName(name)
                .comment(comment)
                .queryLanguage(QueryLanguage.JSONATA)
                .definitionBody(DefinitionBody.fromChainable(definition))
                .timeout(timeout)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ERROR).includeExecutionData(true).build())
                .build();
        topic.grantPublish(machine);
        return machine;
    }

    /** An SNS alert: {@code subject} (ASCII) and {@code body} are JSONata string expressions. */
    static CallAwsService publish(Construct scope, ITopic topic, String id, String eventType, String subject, String body) {
        return SdkTask.of(scope, id, "sns", "publish", "sns:Publish", List.of(topic.getTopicArn()))
                .arguments(Map.of("TopicArn", topic.getTopicArn(), "Subject", "{% " + subject + " %}",
                        "MessageStructure", "json",
                        "Message", RunMessages.alert(subject, eventType, body)))
                .build();
    }

    private OpsStateMachine() {
    }
}
