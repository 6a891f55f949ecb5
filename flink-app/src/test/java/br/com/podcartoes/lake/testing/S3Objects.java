package br.com.podcartoes.lake.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The SDK v2 client and object helpers the tests use against S3-compatible servers on loopback. */
public final class S3Objects {
    private S3Objects() {}

    /** Path-style, no trailing checksums, no chunked uploads: what S3-compatible servers need. */
    public static S3Client client(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false).build())
                .build();
    }

    public static List<String> keys(S3Client s3, String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).forEach(out::add);
        return out;
    }

    /** Copies every object under a prefix into {@code into/<key>}; directory markers (keys ending in /) skipped. */
    public static void download(S3Client s3, String bucket, String prefix, Path into) throws Exception {
        for (String key : keys(s3, bucket, prefix)) {
            if (key.endsWith("/")) {
                continue;
            }
            Path target = into.resolve(key);
            Files.createDirectories(target.getParent());
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        }
    }
}
