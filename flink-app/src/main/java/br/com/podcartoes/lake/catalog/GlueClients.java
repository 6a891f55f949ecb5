package br.com.podcartoes.lake.catalog;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.glue.GlueClient;

/** Builds the Glue client: the SDK's defaults, a small HTTP client, bounded retries and timeouts. */
public final class GlueClients {
    /** Glue throttles catalog writes per account; a few more attempts than the SDK's 3 ride out a burst. */
    static final int MAX_ATTEMPTS = 5;

    private GlueClients() {}

    /**
     * @param endpoint  an endpoint override ({@code --glue-endpoint}), or null for the region's endpoint
     * @param region    the region
     * @param credentials where credentials come from (the default chain in production)
     */
    public static GlueClient create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        var builder = GlueClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build())
                        // A stuck call must not hold a finished run forever.
                        .apiCallTimeout(Duration.ofMinutes(3)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The region of the default chain ({@code AWS_REGION}, profile, instance metadata), or a usage error. */
    public static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("--catalog glue precisa de uma região AWS: defina AWS_REGION "
                    + "(ou a região do perfil em AWS_PROFILE)", e);
        }
    }

    /** Parses {@code --glue-endpoint}; a malformed URL is a usage error. */
    public static URI endpoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("sem esquema ou host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--glue-endpoint inválido: " + value + " (ex.: https://glue.us-east-1.amazonaws.com)", e);
        }
    }
}
