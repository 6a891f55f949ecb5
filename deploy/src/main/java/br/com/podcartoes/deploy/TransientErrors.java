package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.RetryProps;

/**
 * Which errors of an AWS SDK task are worth retrying. Step Functions names them {@code Service.ErrorName}; only
 * throttling, server-side and network errors are retried (plus, for Managed Flink, "resource in use" while an
 * update settles). AccessDenied, validation and "not found" errors fail at once: retrying them only delays the
 * notification. {@code States.TaskFailed} is deliberately absent: it would match AccessDenied too.
 */
final class TransientErrors {
    /** Error names (without the service prefix) that mean "try again later" in every AWS service. */
    static final List<String> ANY_SERVICE = List.of(
            "ThrottlingException", "TooManyRequestsException", "RequestLimitExceededException", "SlowDownException",
            "ProvisionedThroughputExceededException", "InternalServerErrorException", "InternalServerException",
            "InternalFailureException", "InternalErrorException", "ServiceUnavailableException", "ServiceException",
            "SdkClientException");
    /** Managed Flink refuses calls for a while after an update or during a start/stop: transient for us. */
    static final List<String> FLINK_SETTLING = List.of("ResourceInUseException", "ConcurrentModificationException");

    /** The Step Functions error prefix of an SDK service ("kinesisanalyticsv2" -> "KinesisAnalyticsV2"). */
    static String prefix(String service) {
        return switch (service) {
            case "kinesisanalyticsv2" -> "KinesisAnalyticsV2";
            case "dynamodb" -> "DynamoDb";
            case "s3" -> "S3";
            case "sns" -> "Sns";
            case "sfn" -> "Sfn";
            case "cloudwatch" -> "CloudWatch";
            default -> throw new IllegalArgumentException("no error prefix known for " + service);
        };
    }

    static List<String> errors(String service, List<String> extra) {
        List<String> errors = new ArrayList<>();
        for (String name : ANY_SERVICE) {
            errors.add(prefix(service) + "." + name);
        }
        for (String name : extra) {
            errors.add(prefix(service) + "." + name);
        }
        errors.add("States.Timeout");
        return errors;
    }

    static RetryProps retry(String service, List<String> extra, int attempts, Duration interval) {
        return RetryProps.builder().errors(errors(service, extra))
                .maxAttempts(attempts).interval(interval).backoffRate(2).build();
    }

    private TransientErrors() {
    }
}
