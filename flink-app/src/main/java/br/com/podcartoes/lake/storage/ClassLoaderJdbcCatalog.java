package br.com.podcartoes.lake.storage;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Iceberg's {@link JdbcCatalog} connecting through the JDBC driver of this class's own class loader instead of
 * {@code DriverManager}.
 *
 * <p>A Flink session cluster runs job after job in the same TaskManager JVM, each job in a user-code class
 * loader of its own. {@code DriverManager} keeps one JVM-wide registry, fills it through {@code ServiceLoader}
 * once per JVM (the first job's loader), and hands a caller only the drivers whose class its loader resolves
 * to the same class. So Iceberg's {@link JdbcClientPool} found the first job's sqlite driver and, from the
 * second job on, "No suitable driver found". Looking the driver up in this class's loader gives each job the
 * driver of its own jar; where every job sees the same classes (the embedded MiniCluster, an application
 * cluster's one job) it is the same driver {@code DriverManager} would give. Loading the driver class still
 * registers it with {@code DriverManager} (sqlite-jdbc does that itself), one more reference that keeps an
 * ended job's class loader alive on a session TaskManager, beside the libraries' threads
 * (local-cluster/README.md).
 */
public class ClassLoaderJdbcCatalog extends JdbcCatalog {
    public ClassLoaderJdbcCatalog() {
        super(null, properties -> new Pool(properties.get(CatalogProperties.URI), properties), true);
    }

    /** Iceberg's pool (retries, reconnects) with connections from {@link #driver}. */
    static final class Pool extends JdbcClientPool {
        private final String url;
        private final Properties connectionProperties = new Properties();
        private Driver driver;

        Pool(String url, Map<String, String> properties) {
            super(url, properties);
            this.url = url;
            // What JdbcClientPool passes to DriverManager: the catalog's "jdbc." properties without the prefix.
            connectionProperties.putAll(PropertyUtil.propertiesWithPrefix(properties, JdbcCatalog.PROPERTY_PREFIX));
        }

        @Override
        protected Connection newClient() {
            try {
                Connection c = driver().connect(url, connectionProperties);
                if (c == null) {
                    throw new SQLException("o driver JDBC recusou a URL");
                }
                return c;
            } catch (SQLException e) {
                throw new UncheckedSQLException(e, "Failed to connect: %s", url);
            }
        }

        private synchronized Driver driver() throws SQLException {
            if (driver == null) {
                driver = ClassLoaderJdbcCatalog.driver(url, ClassLoaderJdbcCatalog.class.getClassLoader());
            }
            return driver;
        }
    }

    /** The first driver {@code loader} provides (META-INF/services/java.sql.Driver) that accepts {@code url}. */
    static Driver driver(String url, ClassLoader loader) throws SQLException {
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        while (drivers.hasNext()) {
            try {
                Driver d = drivers.next();
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (ServiceConfigurationError e) {
                // as DriverManager does: a listed driver that cannot load is skipped
            }
        }
        throw new SQLException("nenhum driver JDBC do jar aceita " + url);
    }
}
