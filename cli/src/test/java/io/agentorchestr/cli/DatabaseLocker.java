package io.agentorchestr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Another process that holds the state database's write lock (BEGIN EXCLUSIVE) for a while. */
final class DatabaseLocker implements AutoCloseable {
    private final Process process;

    private DatabaseLocker(Process process) {
        this.process = process;
    }

    /** Locks {@code db} for {@code hold}; returns once the lock is held. */
    static DatabaseLocker lock(Path scratch, Path db, Duration hold) throws IOException {
        Path source = Files.writeString(scratch.resolve("Locker.java"), """
                import java.sql.*;
                public class Locker {
                    public static void main(String[] a) throws Exception {
                        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a[0]);
                             Statement s = c.createStatement()) {
                            s.execute("BEGIN EXCLUSIVE");
                            System.out.println("locked");
                            System.out.flush();
                            new java.util.concurrent.CountDownLatch(1).await(Long.parseLong(a[1]),
                                    java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                Distribution.HOME.resolve("lib").toAbsolutePath() + "/*", source.toString(), db.toString(),
                String.valueOf(hold.toMillis())).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine());
        return new DatabaseLocker(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
