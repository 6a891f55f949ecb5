package br.com.podcartoes.lake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import br.com.podcartoes.lake.config.PipelineOptions;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's catalog opened by one job after another in the same JVM, each job in a class loader of its own
 * over the same classes, as a Flink session cluster's TaskManager (and submit's client, one job) runs them.
 */
class ClassLoaderJdbcCatalogTest {
    @TempDir
    Path lake;

    @Test
    void eachJobsClassLoaderConnects() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (String job : List.of("job_1", "job_2", "job_3")) {
            jobs.add(job);
            try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(loader); // as Flink runs a task's code
                try {
                    Object namespaces = loader.loadClass(InJob.class.getName())
                            .getMethod("createNamespace", String.class, String.class)
                            .invoke(null, lake.toString(), job);
                    assertEquals(jobs, namespaces, "the catalog as seen by " + job);
                } finally {
                    thread.setContextClassLoader(before);
                }
            }
        }
    }

    @Test
    void writingALocalLakeRegistersNoShutdownHookFromTheJobsClassLoader() throws Exception {
        try (JobLoader loader = new JobLoader()) {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                loader.loadClass(InJob.class.getName()).getMethod("createTable", String.class)
                        .invoke(null, lake.toString());
            } finally {
                thread.setContextClassLoader(before);
            }
            assertTrue(lake.resolve("t").toFile().isDirectory(), "the table was written with Hadoop's local FileSystem");
            // Hadoop registers its JVM shutdown hook when this class initializes; the hook would outlive the loader.
            assertFalse(loader.loaded("org.apache.hadoop.util.ShutdownHookManager"),
                    "Hadoop's ShutdownHookManager was loaded in the job's class loader");
        }
    }

    /** A job's class loader that tells which classes it has loaded. */
    private static final class JobLoader extends URLClassLoader {
        JobLoader() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    /** Runs inside a job's class loader: opens the local lake's catalog as the pipeline does, adds a namespace. */
    public static final class InJob {
        public static void createTable(String lake) throws Exception {
            PipelineOptions options = IcebergCatalogTest.options(lake, IcebergCatalog.LOCAL,
                    PipelineOptions.defaults().glueDatabase(), null, null, false);
            try (IcebergCatalog.Session s = IcebergCatalog.of(options).open()) {
                ((SupportsNamespaces) s.catalog()).createNamespace(Namespace.of("db"));
                s.catalog().buildTable(TableIdentifier.of("db", "t"),
                        new Schema(Types.NestedField.required(1, "x", Types.IntegerType.get())))
                        .withLocation(lake + "/t").create();
            }
        }

        public static List<String> createNamespace(String lake, String namespace) throws Exception {
            PipelineOptions options = IcebergCatalogTest.options(lake, IcebergCatalog.LOCAL,
                    PipelineOptions.defaults().glueDatabase(), null, null, false);
            try (IcebergCatalog.Session s = IcebergCatalog.of(options).open()) {
                SupportsNamespaces catalog = (SupportsNamespaces) s.catalog();
                catalog.createNamespace(Namespace.of(namespace));
                return catalog.listNamespaces().stream().map(Namespace::toString).sorted().toList();
            }
        }
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
