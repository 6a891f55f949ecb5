package br.com.podcartoes.lake.storage;

import java.util.Map;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3FileIO's clients for an S3-compatible server ({@code --s3-endpoint}): Iceberg's own settings, plus
 * checksums only where S3 requires them. The SDK (2.57) adds a CRC32 to every upload and asks for one on
 * every download by default; S3Proxy rejected such uploads, and Iceberg has no property for it. Named in
 * the catalog's properties ({@code s3.client-factory-impl}), so every JVM of a cluster builds the same.
 */
public final class S3CompatibleClients implements S3FileIOAwsClientFactory {
    private static final long serialVersionUID = 1L;

    private S3FileIOProperties s3 = new S3FileIOProperties();
    private AwsClientProperties aws = new AwsClientProperties();
    private HttpClientProperties http = new HttpClientProperties();

    @Override
    public void initialize(Map<String, String> properties) {
        s3 = new S3FileIOProperties(properties);
        aws = new AwsClientProperties(properties);
        http = new HttpClientProperties(properties);
    }

    @Override
    public S3Client s3() {
        return S3Client.builder()
                .applyMutation(aws::applyClientRegionConfiguration)
                .applyMutation(aws::applyLegacyMd5Plugin)
                .applyMutation(http::applyHttpClientConfigurations)
                .applyMutation(s3::applyEndpointConfigurations)
                .applyMutation(s3::applyServiceConfigurations) // path style, chunked encoding off
                .applyMutation(b -> s3.applyCredentialConfigurations(aws, b))
                .applyMutation(s3::applyRetryConfigurations)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public S3AsyncClient s3Async() {
        return S3AsyncClient.builder()
                .applyMutation(aws::applyClientRegionConfiguration)
                .applyMutation(aws::applyClientCredentialConfigurations)
                .applyMutation(s3::applyEndpointConfigurations)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
