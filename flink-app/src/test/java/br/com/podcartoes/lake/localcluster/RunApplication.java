package br.com.podcartoes.lake.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code local-cluster/run-application} (an application cluster with ZooKeeper HA: main in the JobManager,
 * as on Managed Flink) with a test configuration: free ports for REST, JobManager RPC and ZooKeeper, the S3
 * server the test gives (or none), and run folders under {@code local-cluster/run/it-app/<name>/}, so it runs
 * beside a developer's own clusters. Needs bash, curl, flock and /proc (Linux) and the application jar.
 */
final class RunApplication {
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern RUN_FOLDER = Pattern.compile("run folder (\\S+)");
    private static final Pattern JOB_LINE = Pattern.compile("(?m)^  ([0-9a-f]{32})  ([A-Z_]+) +(.*)$");

    private final Path repo;
    private final Path appRunDir;
    private final Path sessionRunDir;
    private final Path conf;
    private final Path outDir;

    /** {@code settings}: extra cluster.conf lines (they win over the defaults here). */
    RunApplication(String name, Path outDir, String... settings) throws IOException {
        this.repo = repositoryRoot();
        this.outDir = outDir;
        this.appRunDir = repo.resolve("local-cluster/run/it-app").resolve(name);
        this.sessionRunDir = repo.resolve("local-cluster/run/it-app").resolve(name + "-session");
        List<String> lines = new ArrayList<>(List.of(
                "APP_REST_PORT=" + freePort(), "APP_JM_RPC_PORT=" + freePort(), "ZK_PORT=" + freePort(),
                "APP_RUN_DIR=" + appRunDir, "RUN_DIR=" + sessionRunDir, "LOG_DIR=logs/it-app",
                "S3_PORT=" + freePort(), "S3_KEEP=false", "APP_KEEP_RUNS=6",
                // C1 only: these runs are short, and C2's compiler threads compete with them for 2 cores
                "APP_JVM_OPTS=-XX:TieredStopAtLevel=1",
                "APP_TIMEOUT=" + (TIMEOUT.toSeconds() - 30)));
        lines.addAll(List.of(settings));
        this.conf = outDir.resolve(name + ".conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("local-cluster/run-application"))) {
                return p;
            }
        }
        throw new IllegalStateException("no local-cluster/run-application above " + Path.of("").toAbsolutePath());
    }

    static Path applicationJar() {
        return repositoryRoot().resolve("flink-app/target/pod-cartoes-lake.jar");
    }

    /** Whether this machine can run the scripts (the caller skips the test otherwise). */
    static boolean supported() {
        return new File("/proc/self/cmdline").exists() && onPath("bash") && onPath("curl") && onPath("flock");
    }

    /** The result of one {@code run-application}: exit code, everything it printed, its run folder. */
    record Result(int code, String output, Path runDir) {
        String jobManagerLog() throws IOException {
            return Files.readString(runDir.resolve("logs/jobmanager.log"));
        }

        /** What main printed (its stdout and stderr are the JobManager's). */
        String jobManagerOut() throws IOException {
            return Files.readString(runDir.resolve("logs/jobmanager.out"));
        }

        /** Job id to final state, as run-application printed them (from the JobManager's log). */
        Map<String, String> jobs() {
            Map<String, String> out = new LinkedHashMap<>();
            Matcher m = JOB_LINE.matcher(output);
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
            return out;
        }

        int count(String text) throws IOException {
            return jobManagerLog().split(Pattern.quote(text), -1).length - 1;
        }
    }

    /** Runs {@code local-cluster/run-application ARGS}; asserts that it left no process behind. */
    Result run(String... args) throws Exception {
        Script s = script("run-application", args);
        String output = s.output();
        Matcher m = RUN_FOLDER.matcher(output);
        assertTrue(m.find(), "run-application named its run folder:\n" + output);
        Result r = new Result(s.code(), output, Path.of(m.group(1)));
        assertEquals(List.of(), leftovers(), "run-application left processes behind:\n" + output);
        return r;
    }

    /** The output and exit code of another script of local-cluster/ (start, stop, s3) with this configuration. */
    record Script(int code, String output) {}

    Script script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("local-cluster").resolve(name).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(outDir, name, ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LOCAL_CLUSTER_CONF", conf.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy(); // SIGTERM: its trap stops the cluster
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            throw new AssertionError(name + " " + String.join(" ", args) + " did not end in " + TIMEOUT + ":\n"
                    + Files.readString(out));
        }
        String output = Files.readString(out);
        System.out.printf("$ local-cluster/%s %s (%.1f s, exit %d)%n%s%n", name, String.join(" ", args),
                (System.nanoTime() - t0) / 1e9, p.exitValue(), output);
        return new Script(p.exitValue(), output);
    }

    /**
     * Runs {@code run-application ARGS} in a process group of its own and, once its output contains
     * {@code when} and {@code delay} has passed, sends SIGINT to the whole group, as Ctrl-C in a terminal does;
     * returns what it printed and its exit code, and asserts that it left no process behind.
     */
    Script interrupted(String when, Duration delay, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("setsid", repo.resolve("local-cluster/run-application").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(outDir, "interrupted", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LOCAL_CLUSTER_CONF", conf.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.readString(out).contains(when)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no '" + when + "' in:\n" + Files.readString(out));
            Thread.sleep(200);
        }
        Thread.sleep(delay.toMillis());
        new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start().waitFor();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "run-application ended after SIGINT:\n" + Files.readString(out));
        String output = Files.readString(out);
        System.out.printf("$ local-cluster/run-application %s (SIGINT %s after '%s', exit %d)%n%s%n",
                String.join(" ", args), delay, when, p.exitValue(), output);
        assertEquals(List.of(), leftovers(), "run-application left processes behind after SIGINT:\n" + output);
        return new Script(p.exitValue(), output);
    }

    /** A run whose JobManager was killed: the run, and the log line after which it was. */
    record Killed(Result result, String after) {}

    /**
     * Runs {@code run-application ARGS} and, the first time its run folder's {@code logName} (e.g.
     * {@code taskmanager-1.log}) has a line matching {@code when}, sends SIGKILL to its JobManager (the pid in
     * {@code pids/jobmanager.pid}): what a JobManager crash is. Returns the run and that line; fails when the
     * run ended before the line appeared. Asserts that the run left no process behind.
     */
    Killed killJobManager(String logName, Pattern when, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("local-cluster/run-application").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(outDir, "killed", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LOCAL_CLUSTER_CONF", conf.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        // A failover runs the job twice, and a second JobManager starts: twice a run's time.
        long deadline = System.nanoTime() + 2 * TIMEOUT.toNanos();
        String after = null;
        Path runDir = null;
        while (after == null && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (runDir == null) {
                Matcher m = RUN_FOLDER.matcher(Files.readString(out));
                runDir = m.find() ? Path.of(m.group(1)) : null;
                continue;
            }
            Path log = runDir.resolve("logs").resolve(logName);
            Path pid = runDir.resolve("pids/jobmanager.pid");
            if (Files.isRegularFile(log) && Files.isRegularFile(pid)) {
                after = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> when.matcher(l).find()).findFirst().orElse(null);
                if (after != null) {
                    new ProcessBuilder("kill", "-KILL", Files.readString(pid).trim()).inheritIO().start().waitFor();
                    System.out.printf("SIGKILL to the JobManager %.1f s into the run, after: %s%n",
                            (System.nanoTime() - t0) / 1e9, after);
                }
            }
        }
        if (!p.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
        String output = Files.readString(out);
        System.out.printf("$ local-cluster/run-application %s (JobManager killed: %s; %.1f s, exit %s)%n%s%n",
                String.join(" ", args), after != null, (System.nanoTime() - t0) / 1e9,
                p.isAlive() ? "none" : p.exitValue(), output);
        assertTrue(after != null, "no line matching " + when + " in " + logName + " before the run ended:\n" + output);
        assertTrue(runDir != null, output);
        assertEquals(List.of(), leftovers(), "run-application left processes behind:\n" + output);
        return new Killed(new Result(p.isAlive() ? -1 : p.exitValue(), output, runDir), after);
    }

    /**
     * The running processes started by run-application for this test's runs: they carry the marker argument
     * {@code -Dlocal-cluster.run-dir=<run folder>}. Read from /proc, since {@code ProcessHandle.Info.arguments()}
     * comes back empty for command lines as long as Flink's.
     */
    List<Long> leftovers() {
        String prefix = "-Dlocal-cluster.run-dir=" + appRunDir + "/";
        return processesWith(a -> a.startsWith(prefix));
    }

    /** RUN_DIR of this configuration: the session cluster's ({@code start}, {@code submit}, {@code stop}). */
    Path sessionRunDir() {
        return sessionRunDir;
    }

    /** The running processes of this configuration's session cluster (S3Proxy, JobManager, TaskManagers). */
    List<Long> sessionLeftovers() {
        String marker = "-Dlocal-cluster.run-dir=" + sessionRunDir;
        return processesWith(marker::equals);
    }

    private static List<Long> processesWith(java.util.function.Predicate<String> argument) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
                return Stream.of(cmdline.split("\0")).anyMatch(argument);
            } catch (IOException | RuntimeException e) {
                return false; // gone meanwhile, or not ours to read
            }
        }).map(ProcessHandle::pid).toList();
    }

    /** Kills what an interrupted run may have left (the test's own run folders only). */
    void killLeftovers() {
        List<Long> all = new ArrayList<>(leftovers());
        all.addAll(sessionLeftovers());
        for (long pid : all) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A jar holding only {@code main}'s class file (a tiny program: Flink comes from the cluster's lib/). */
    static Path programJar(Path jar, Class<?> main) throws IOException {
        String entry = main.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                var in = main.getClassLoader().getResourceAsStream(entry)) {
            assertTrue(in != null, entry);
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** The regular files under {@code folder} (none when it does not exist), hidden ones left out. */
    static long files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
