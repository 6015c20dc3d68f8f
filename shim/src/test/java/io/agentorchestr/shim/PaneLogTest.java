package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaneLogTest {
    @TempDir
    Path dir;

    @Test
    void readsFollowOneAnotherByCursorAndNeverSplitACharacter() throws IOException {
        Path file = dir.resolve("pane.log");
        Files.writeString(file, "ab☕cd", StandardCharsets.UTF_8);  // ☕ is 3 bytes
        PaneLog log = new PaneLog(file);
        PaneLog.Chunk first = log.read(0, 4);
        assertEquals("ab", first.text());  // the cup would be cut: it comes next
        PaneLog.Chunk second = log.read(first.next(), 4);
        assertEquals("☕c", second.text());
        PaneLog.Chunk third = log.read(second.next(), 4);
        assertEquals("d", third.text());
        assertEquals(log.size(), third.next());
        assertEquals("", log.read(third.next(), 4).text());
    }

    @Test
    void aCharacterStillBeingWrittenWaitsForItsLastByte() throws IOException {
        Path file = dir.resolve("pane.log");
        byte[] cup = "☕".getBytes(StandardCharsets.UTF_8);
        Files.write(file, new byte[] {'x', cup[0], cup[1]});
        PaneLog log = new PaneLog(file);
        PaneLog.Chunk c = log.read(0, 64);
        assertEquals("x", c.text());
        assertEquals(1, c.next());
    }

    @Test
    void aCursorPastTheEndIsABadParameter() throws IOException {
        Path file = dir.resolve("pane.log");
        Files.writeString(file, "abc");
        RpcError.Raised e = assertThrows(RpcError.Raised.class, () -> new PaneLog(file).read(10, 4));
        assertEquals(RpcError.INVALID_PARAMS, e.error().code());
    }
}
