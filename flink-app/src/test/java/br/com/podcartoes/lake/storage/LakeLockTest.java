package br.com.podcartoes.lake.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local lake's lock: one holder at a time, and a holder killed with SIGKILL blocks nobody. */
class LakeLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondCommandFailsNamingTheHolderUntilItReleases() throws Exception {
        LakeLayout lake = new LakeLayout(dir.toString());
        LakeLock first = LakeLock.acquire(lake, "execucao-1", "run");
        LakeBusyException busy = assertThrows(LakeBusyException.class, () -> LakeLock.acquire(lake, "execucao-2",
                "backfill"));
        assertTrue(busy.getMessage().contains("o comando run (execução execucao-1") && busy.getMessage().contains("pid "
                + ProcessHandle.current().pid()), busy.getMessage());
        first.close();
        assertEquals(0, Files.size(dir.resolve("_runs/_lock")), "an idle lake's lock file is empty");
        try (LakeLock second = LakeLock.acquire(lake, "execucao-2", "backfill")) {
            assertTrue(Files.readString(dir.resolve("_runs/_lock")).contains("\"run_id\":\"execucao-2\""));
        }
    }

    @Test
    void aRefusalInTheHoldingJvmKeepsTheLakeLockedForOtherProcesses() throws Exception {
        LakeLayout lake = new LakeLayout(dir.toString());
        try (LakeLock held = LakeLock.acquire(lake, "execucao-1", "run")) {
            assertThrows(LakeBusyException.class, () -> LakeLock.acquire(lake, "execucao-2", "run"));
            Process other = child("tentar");
            String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertTrue(out.contains("ocupado: o comando run (execução execucao-1"), out);
        }
    }

    @Test
    void aHolderKilledWithSigkillLeavesTheLakeFree() throws Exception {
        Process child = child("segurar");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals(LockHolder.HOLDING)) {
                // the JVM's own output, if any
            }
            assertEquals(LockHolder.HOLDING, line, "the child took the lock");
            LakeBusyException busy = assertThrows(LakeBusyException.class,
                    () -> LakeLock.acquire(new LakeLayout(dir.toString()), "depois", "run"));
            assertTrue(busy.getMessage().contains("pid " + child.pid()), busy.getMessage());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally in the child
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (LakeLock lock = LakeLock.acquire(new LakeLayout(dir.toString()), "depois", "run")) {
            assertTrue(Files.readString(dir.resolve("_runs/_lock")).contains("\"run_id\":\"depois\""));
        }
    }

    private Process child(String mode) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), mode, dir.toString())
                .redirectErrorStream(true).start();
    }

    /** In its own JVM: takes a lake's lock and holds it until killed ({@code segurar}), or tries it once. */
    public static final class LockHolder {
        static final String HOLDING = "segurando a trava";

        public static void main(String[] args) throws Exception {
            try {
                LakeLock.acquire(new LakeLayout(args[1]), "filho", "run");
            } catch (LakeBusyException e) {
                System.out.println(e.getMessage());
                return;
            }
            System.out.println(HOLDING);
            System.out.flush();
            if (args[0].equals("segurar")) {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }
        }
    }
}
