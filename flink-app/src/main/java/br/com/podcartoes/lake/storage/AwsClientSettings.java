package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.config.PipelineOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The Iceberg properties of the AWS clients Iceberg builds itself (its {@code GlueCatalog} and
 * {@code S3FileIO}): region, endpoint overrides, and what an S3-compatible server needs. They travel with
 * the catalog's properties, so every JVM of a cluster builds the same clients.
 */
final class AwsClientSettings {
    /** S3-compatible servers and test endpoints ignore the region, but the SDK signs with one. */
    static final String ENDPOINT_REGION = "us-east-1";

    private AwsClientSettings() {}

    /** {@code client.region}, and {@code glue.endpoint} when {@code --glue-endpoint} is given. */
    static Map<String, String> glue(PipelineOptions options) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client.region", region(options));
        if (given(options.glueEndpoint())) {
            p.put("glue.endpoint", endpoint("--glue-endpoint", options.glueEndpoint()));
        }
        return p;
    }

    /** S3FileIO: the SDK's URL-connection client, as the rest of the application (no CRT native client). */
    static Map<String, String> s3(PipelineOptions options) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        p.put("http-client.type", "urlconnection");
        p.put("s3.crt.enabled", "false");
        p.put("client.region", region(options));
        if (given(options.s3Endpoint())) {
            p.put("s3.endpoint", endpoint("--s3-endpoint", options.s3Endpoint()));
            // S3-compatible servers (S3Proxy) reject the SDK's default aws-chunked uploads with trailing
            // checksums; against AWS the defaults stay.
            p.put("s3.chunked-encoding-enabled", "false");
            p.put("s3.client-factory-impl", S3CompatibleClients.class.getName());
        }
        if (options.s3PathStyle()) {
            p.put("s3.path-style-access", "true");
        }
        return p;
    }

    /**
     * The region of the usual sources ({@code aws.region}, {@code AWS_REGION}, profile, instance metadata);
     * with an endpoint override and none of them, {@link #ENDPOINT_REGION}. Resolved here, once, so a missing
     * region is a usage error before anything runs, and the cluster's JVMs use the same one.
     */
    static String region(PipelineOptions options) {
        String explicit = firstOf(System.getProperty("aws.region"), System.getenv("AWS_REGION"),
                System.getenv("AWS_DEFAULT_REGION"));
        if (explicit != null) {
            return explicit;
        }
        if (given(options.glueEndpoint()) || given(options.s3Endpoint())) {
            return ENDPOINT_REGION;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("o catálogo " + options.catalog() + " com o lake no S3 precisa de uma"
                    + " região AWS: defina AWS_REGION (ou a região do perfil em AWS_PROFILE)", e);
        }
    }

    /** An endpoint option, checked: a malformed URL is a usage error, not a failure at the first call. */
    static String endpoint(String option, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("sem esquema ou host");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " inválido: " + value + " (ex.: http://127.0.0.1:9000)", e);
        }
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (given(v)) {
                return v;
            }
        }
        return null;
    }
}
