package br.com.podcartoes.lake.testing;

import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** S3FileIO's client for the tests' own Iceberg reads: the tests' SDK client ({@link S3Objects}), not the project's. */
public final class TestS3Clients implements S3FileIOAwsClientFactory {
    private static final long serialVersionUID = 1L;
    private String endpoint;

    @Override
    public void initialize(Map<String, String> properties) {
        endpoint = properties.get("s3.endpoint");
    }

    @Override
    public S3Client s3() {
        return S3Objects.client(endpoint, S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    @Override
    public S3AsyncClient s3Async() {
        throw new UnsupportedOperationException("the tests read synchronously");
    }
}
