package br.com.podcartoes.lake.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy, in-memory {@code transient} store) on 127.0.0.1, with an SDK v2
 * client set up the way S3-compatible servers need (no trailing checksums, no chunked uploads).
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "pod-access";
    public static final String SECRET_KEY = "pod-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Client client;

    public S3Server() throws Exception {
        Properties props = new Properties();
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(props)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        client = S3Objects.client(endpoint(), ACCESS_KEY, SECRET_KEY);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, Path file) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    public List<String> keys(String bucket, String prefix) {
        return S3Objects.keys(client, bucket, prefix);
    }

    /** Copies every object under a prefix into a local folder (keeping the key's path). */
    public void download(String bucket, String prefix, Path into) throws Exception {
        S3Objects.download(client, bucket, prefix, into);
    }

    /** The Java system properties the pipeline's credential lookup reads (like the AWS SDK does). */
    public static void useCredentials(String accessKey, String secretKey) {
        System.setProperty("aws.accessKeyId", accessKey);
        System.setProperty("aws.secretAccessKey", secretKey);
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
