package io.agentorchestr.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PaneOutputTest {
    @TempDir
    Path dir;
    private final PaneOutput output = new PaneOutput();

    @Test
    void theTailIsTheLastLinesWithEscapesRemoved() throws IOException {
        Path log = Files.writeString(dir.resolve("w01.log"), "one\n\u001b[31mtwo\u001b[0m\n\u001b]0;title\u0007three\n");
        PaneOutput.Tail tail = output.tail(log, 2);
        assertEquals("two\nthree", tail.text());
        assertEquals(2, tail.lines());
        assertEquals(Files.size(log), tail.size());
    }

    @Test
    void aFollowerGetsWholeLinesAndALineBeingWrittenWaitsForItsEnd() throws IOException {
        Path log = Files.writeString(dir.resolve("w01.log"), "first\nsec");
        PaneOutput.Chunk c = output.after(log, 0);
        assertEquals("first\n", c.text());
        assertEquals(6, c.next());
        PaneOutput.Chunk none = output.after(log, c.next());
        assertEquals("", none.text());
        assertEquals(6, none.next());
        Files.writeString(log, "ond \u001b[1mbold\u001b[0m\n", StandardOpenOption.APPEND);
        PaneOutput.Chunk rest = output.after(log, c.next());
        assertEquals("second bold\n", rest.text());
        assertEquals(Files.size(log), rest.next());
    }

    @Test
    void aMissingLogIsEmpty() {
        assertEquals("", output.tail(dir.resolve("none.log"), 10).text());
        assertEquals(0, output.after(null, 0).next());
    }

    @Test
    void aLongLineWithoutEndIsSentInPiecesRatherThanHeldForever() throws IOException {
        Path log = Files.writeString(dir.resolve("w01.log"), "x".repeat(PaneOutput.CHUNK_BYTES + 10));
        PaneOutput.Chunk c = output.after(log, 0);
        assertEquals(PaneOutput.CHUNK_BYTES, c.next());
        assertFalse(c.text().isEmpty());
    }
}
