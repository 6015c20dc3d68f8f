package io.agentorchestr.core.process;

import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SystemProcessRunnerIT {
    private final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    void drainsLargeStdoutAndStderrAtOnceWithoutDeadlock() {
        ExecResult r = runner.run(ProcessSpec.of("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' a; head -c 3000000 /dev/zero | tr '\\0' b >&2"));
        assertTrue(r.ok());
        assertEquals(3_000_000, r.stdout().length());
        assertEquals(3_000_000, r.stderr().length());
    }

    @Test
    void aChildPrintingHundredsOfMegabytesIsKeptToItsStartAndEnd() {
        ExecResult r = runner.run(ProcessSpec.of("sh", "-c", "echo BEGIN; head -c 200000000 /dev/zero | tr '\\0' a; "
                + "echo; echo END; head -c 200000000 /dev/zero | tr '\\0' b >&2; echo ERR-END >&2")
                .withTimeout(java.time.Duration.ofMinutes(2)));
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().startsWith("BEGIN\n") && r.stdout().endsWith("\nEND\n"), "start and end kept");
        assertTrue(r.stdout().length() <= SystemProcessRunner.OUTPUT_LIMIT + 100, "bounded: " + r.stdout().length());
        assertTrue(r.stdout().contains(" bytes of output cut here]"), "the cut is said");
        assertTrue(r.stderr().endsWith("ERR-END\n") && r.stderr().length() <= SystemProcessRunner.OUTPUT_LIMIT + 100);
    }

    @Test
    void whatARunLeavesBehindIsStoppedWhenAskedAndOnlyThen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String script = "sleep 300 > /dev/null 2>&1 & echo $! > pid; echo started";
        ExecResult reaped = runner.run(ProcessSpec.of("sh", "-c", script).in(dir).reapingStrays());
        assertEquals("started\n", reaped.stdout());
        long stray = Long.parseLong(java.nio.file.Files.readString(dir.resolve("pid")).strip());
        io.agentorchestr.core.testing.Poll.until("the stray to be gone", java.time.Duration.ofSeconds(10),
                () -> ProcessHandle.of(stray).map(h -> !h.isAlive()).orElse(true));

        runner.run(ProcessSpec.of("sh", "-c", script).in(dir));
        long kept = Long.parseLong(java.nio.file.Files.readString(dir.resolve("pid")).strip());
        try {
            assertTrue(ProcessHandle.of(kept).map(ProcessHandle::isAlive).orElse(false), "not asked: left alone");
        } finally {
            ProcessHandle.of(kept).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void feedsStdinAndKeepsUtf8() {
        ExecResult r = runner.run(ProcessSpec.of("cat").withStdin("héllo ☕\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("héllo ☕\n", r.stdout());
    }

    @Test
    void aTimeoutStopsTheProcessAndSaysSo() {
        ExecResult r = runner.run(ProcessSpec.of("sleep", "30").withTimeout(Duration.ofMillis(300)));
        assertTrue(r.timedOut());
        assertFalse(r.ok());
        assertTrue(r.duration().compareTo(Duration.ofSeconds(20)) < 0);
    }

    @Test
    void aTimeoutAlsoStopsWhatTheProcessStarted(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        ExecResult r = runner.run(ProcessSpec.of("sh", "-c", "sleep 300 & echo $! > '" + pidFile + "'; wait")
                .withTimeout(Duration.ofSeconds(3)));
        assertTrue(r.timedOut());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Poll.until("sleep " + child + " to stop after its parent's timeout", Duration.ofSeconds(10),
                () -> !running(child));
    }

    /** A killed orphan may stay a zombie until init reaps it; it runs no more, so it counts as gone. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void aMissingProgramIsReportedByName() {
        CommandNotFoundException e = assertThrows(CommandNotFoundException.class,
                () -> runner.run(ProcessSpec.of("no-such-program-agentorchestr")));
        assertEquals("no-such-program-agentorchestr", e.program());
    }

    @Test
    void aFailureNamesTheCommandAndTheEndOfStderr() {
        ProcessFailedException e = assertThrows(ProcessFailedException.class,
                () -> runner.runChecked(ProcessSpec.of("sh", "-c", "echo first >&2; echo the reason >&2; exit 4")));
        assertTrue(e.getMessage().contains("`sh -c"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with status 4"), e.getMessage());
        assertTrue(e.getMessage().contains("the reason"), e.getMessage());
    }
}
