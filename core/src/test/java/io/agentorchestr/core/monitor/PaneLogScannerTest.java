package io.agentorchestr.core.monitor;

import io.agentorchestr.core.model.WorkerState;
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

    /** A TUI that only moves its cursor never ends a line: what is held of it stays bounded, markers still count. */
    @Test
    void megabytesWithoutANewlineAreNotHeldWholeAndAMarkerInThemIsFound() throws IOException {
        Path log = dir.resolve("tui.log");
        String frame = "\u001b[H\u001b[2Jthinking... " + "x".repeat(4000) + "\r";
        Files.writeString(log, frame.repeat(1500));  // about 6 MB, not one newline
        PaneLogScanner scanner = new PaneLogScanner(log, markers, 0);
        assertTrue(scanner.scan().isEmpty());
        assertTrue(scanner.unfinishedBytes() <= PaneLogScanner.MAX_PARTIAL, "held: " + scanner.unfinishedBytes());

        append(log, ("WORKER_DONE: drawn by a TUI\r" + frame.repeat(200)).getBytes(StandardCharsets.UTF_8));
        assertEquals("drawn by a TUI", scanner.scan().orElseThrow().summary());
        assertTrue(scanner.unfinishedBytes() <= PaneLogScanner.MAX_PARTIAL, "held: " + scanner.unfinishedBytes());
    }

    @Test
    void oneLineOfMegabytesIsCutToItsEndAndTheNextLineStillMatches() throws IOException {
        Path log = dir.resolve("long.log");
        Files.writeString(log, "é".repeat(3_000_000));  // 6 MB, two bytes a character, no newline, no CR
        PaneLogScanner scanner = new PaneLogScanner(log, markers, 0);
        assertTrue(scanner.scan().isEmpty());
        assertTrue(scanner.unfinishedBytes() <= PaneLogScanner.MAX_PARTIAL, "held: " + scanner.unfinishedBytes());

        append(log, "\nWORKER_BLOCKED: needs a key\n".getBytes(StandardCharsets.UTF_8));
        OutputMarkers.Marker m = scanner.scan().orElseThrow();
        assertEquals(WorkerState.BLOCKED, m.state());
        assertEquals("needs a key", m.summary());
    }

    private static void append(Path log, byte[] bytes) throws IOException {
        Files.write(log, bytes, StandardOpenOption.APPEND);
    }
}
