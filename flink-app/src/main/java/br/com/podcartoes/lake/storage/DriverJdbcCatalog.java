package br.com.podcartoes.lake.storage;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog, with its JDBC driver registered from this class's own class loader first.
 *
 * <p>{@link DriverManager} hands a caller only drivers its class loader can see as the same class, and loads
 * drivers by service lookup once per JVM. A TaskManager gives every job (and a job recovered after a JobManager
 * failover, measured with local-cluster/run-application) a new user-code class loader: the SQLite driver the
 * first one registered is not this one's, and the recovered job's sinks failed with "No suitable driver found
 * for jdbc:sqlite:...". Registering the driver of this class loader (when it accepts the URL and is not
 * registered yet) makes each class loader bring its own.
 */
public class DriverJdbcCatalog extends JdbcCatalog {
    @Override
    public void initialize(String name, Map<String, String> properties) {
        registerDriver(properties.get("uri"));
        super.initialize(name, properties);
    }

    static void registerDriver(String uri) {
        if (uri == null) {
            return;
        }
        ClassLoader own = DriverJdbcCatalog.class.getClassLoader();
        for (Driver driver : ServiceLoader.load(Driver.class, own)) {
            try {
                boolean registered = Collections.list(DriverManager.getDrivers()).stream()
                        .anyMatch(d -> d.getClass() == driver.getClass());
                if (!registered && driver.acceptsURL(uri)) {
                    DriverManager.registerDriver(driver);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("driver JDBC " + driver.getClass().getName() + ": " + e.getMessage(), e);
            }
        }
    }
}
