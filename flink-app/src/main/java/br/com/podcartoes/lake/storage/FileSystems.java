package br.com.podcartoes.lake.storage;

import br.com.podcartoes.lake.config.PipelineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@code s3://} work in an embedded MiniCluster. Flink loads its S3 filesystem as a plugin; a
 * cluster (Managed Flink, local-cluster/) does that itself, but an embedded MiniCluster does not, so the
 * self-contained jar (and the tests) load it here from a plugins folder. The plugin cannot simply sit on
 * the classpath: it bundles its own Hadoop, which clashes with the Hadoop that Parquet needs.
 */
public final class FileSystems {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystems.class);
    /** Where the -all jar carries the plugin. */
    static final String PLUGIN_RESOURCE = "/flink-plugins/s3-fs-hadoop/flink-s3-fs-hadoop.jar";
    /** Overrides where to find the plugins folder (tests point it at target/flink-plugins). */
    static final String PLUGINS_DIR_PROPERTY = "pod.plugins.dir";

    private FileSystems() {}

    /**
     * Initializes Flink's filesystems for this JVM with the S3 settings of the options. Does nothing when
     * no plugins folder is available (on a cluster, whose own configuration already did it).
     */
    public static synchronized void initialize(PipelineOptions options) throws IOException {
        Path pluginsDir = pluginsDir();
        if (pluginsDir == null) {
            return;
        }
        Configuration conf = s3Configuration(options);
        // Flink's own helper only looks at FLINK_PLUGINS_DIR; build the manager for our folder directly.
        PluginManager plugins = new DefaultPluginManager(new DirectoryBasedPluginFinder(pluginsDir).findPlugins(),
                PluginConfig.fromConfiguration(conf).getAlwaysParentFirstPatterns());
        FileSystem.initialize(conf, plugins);
        LOG.debug("S3 filesystem plugin loaded from {}", pluginsDir);
    }

    /** Flink's {@code s3.*} keys (passed on to Hadoop's S3A as {@code fs.s3a.*}). */
    static Configuration s3Configuration(PipelineOptions options) {
        Configuration conf = new Configuration();
        if (options.s3Endpoint() != null) {
            conf.setString("s3.endpoint", options.s3Endpoint());
        }
        if (options.s3PathStyle()) {
            conf.setString("s3.path.style.access", "true");
        }
        // The usual AWS sources, in the SDK's order: Java system properties, then environment variables;
        // without explicit keys, S3A's own chain (profile, container or instance role).
        String key = firstOf(System.getProperty("aws.accessKeyId"), System.getenv("AWS_ACCESS_KEY_ID"));
        String secret = firstOf(System.getProperty("aws.secretAccessKey"), System.getenv("AWS_SECRET_ACCESS_KEY"));
        if (key != null && secret != null) {
            conf.setString("s3.access-key", key);
            conf.setString("s3.secret-key", secret);
            String token = firstOf(System.getProperty("aws.sessionToken"), System.getenv("AWS_SESSION_TOKEN"));
            if (token != null) {
                conf.setString("s3.session.token", token);
                conf.setString("s3.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
            }
        }
        String region = firstOf(System.getProperty("aws.region"), System.getenv("AWS_REGION"),
                System.getenv("AWS_DEFAULT_REGION"));
        if (region != null) {
            conf.setString("s3.endpoint.region", region);
        } else if (options.s3Endpoint() != null) {
            conf.setString("s3.endpoint.region", "us-east-1"); // S3-compatible servers ignore it, S3A needs one
        }
        // Fail fast on bad credentials or a dead endpoint instead of retrying for minutes.
        conf.setString("s3.attempts.maximum", "3");
        conf.setString("s3.retry.limit", "3");
        return conf;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static Path pluginsDir() throws IOException {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try (InputStream jar = FileSystems.class.getResourceAsStream(PLUGIN_RESOURCE)) {
            if (jar == null) {
                return null;
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pod-cartoes-flink-plugins");
            Path target = dir.resolve("s3-fs-hadoop").resolve("flink-s3-fs-hadoop.jar");
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "plugin", ".tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        }
    }
}
