package io.agentorchestr.core.monitor;

import io.agentorchestr.core.worker.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaneLogScannerTest {
    @TempDir
    Path dir;

    private final OutputMarkers markers = OutputMarkers.ignoringQuotesOf("");

    @Test
    void findsAMarkerAppendedAfterEarlierScans() throws IOException {
        Path log = dir.resolve("w.log");
        Files.writeString(log, "starting\n");
        PaneLogScanner scanner = new PaneLogScanner(log, markers, 0);
        assertTrue(scanner.scan().isEmpty());
        append(log, "\u001b[32mWORKER_DONE: all good\u001b[0m\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("all good", scanner.scan().orElseThrow().summary());
    }

    @Test
    void waitsForTheEndOfALineSoSplitUtf8IsNotMangled() throws IOException {
        Path log = dir.resolve("w.log");
        byte[] line = "WORKER_DONE: café ☕ done\n".getBytes(StandardCharsets.UTF_8);
        int cut = "WORKER_DONE: café ".getBytes(StandardCharsets.UTF_8).length + 1; // inside the 3-byte ☕
        Files.write(log, Arrays.copyOfRange(line, 0, cut));
        PaneLogScanner scanner = new PaneLogScanner(log, markers, 0);
        assertTrue(scanner.scan().isEmpty());
        append(log, Arrays.copyOfRange(line, cut, line.length));
        assertEquals("café ☕ done", scanner.scan().orElseThrow().summary());
    }

    @Test
    void flushReadsAnUnterminatedLastLine() throws IOException {
        Path log = dir.resolve("w.log");
        Files.writeString(log, "WORKER_FAILED: no newline at exit");
        PaneLogScanner scanner = new PaneLogScanner(log, markers, 0);
        assertTrue(scanner.scan().isEmpty());
        assertEquals(WorkerState.FAILED, scanner.flush().orElseThrow().state());
    }

    @Test
    void aMissingLogIsNoSignalYet() throws IOException {
        assertTrue(new PaneLogScanner(dir.resolve("absent.log"), markers, 0).scan().isEmpty());
    }

    @Test
    void carriageReturnRedrawsAreSeparateSegments() throws IOException {
        Path log = dir.resolve("w.log");
        Files.writeString(log, "thinking...\rWORKER_BLOCKED: need credentials\n");
        assertEquals(WorkerState.BLOCKED, new PaneLogScanner(log, markers, 0).scan().orElseThrow().state());
    }

    private static void append(Path log, byte[] bytes) throws IOException {
        Files.write(log, bytes, StandardOpenOption.APPEND);
    }
}
