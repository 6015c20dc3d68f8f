package io.agentorchestr.core.discovery;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentCardsTest {
    @TempDir
    Path dir;

    private static AgentCard card(String name, long pid, Path socket) {
        return new AgentCard("1", name, List.of("claude"), "claude", pid, 0, "2026-11-29T00:00:00Z", "/w", "h",
                socket.toString(), "/t.sock", "%0");
    }

    @Test
    void theDirectoryIsInTheRuntimeDirAndMadeOwnerOnly() throws IOException {
        AgentCards cards = AgentCards.of(Map.of("XDG_RUNTIME_DIR", dir.toString()));
        assertEquals(dir.resolve("agentorchestr-agents"), cards.ensureDirectory());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cards.dir())));
    }

    @Test
    void aDirectoryOthersCanEnterIsRefusedWithTheFix() throws IOException {
        Path open = Files.createDirectory(dir.resolve("agentorchestr-agents"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        AgentorchestrException e = assertThrows(AgentorchestrException.class,
                () -> new AgentCards(open).ensureDirectory());
        assertTrue(e.getMessage().contains("chmod 700 " + open), e.getMessage());
    }

    @Test
    void aCardIsWrittenOwnerOnlyAndReadBackWhileItsShimLives() throws IOException {
        AgentCards cards = new AgentCards(dir.resolve("cards"));
        cards.ensureDirectory();
        AgentCard mine = card("claude", ProcessHandle.current().pid(), dir.resolve("cards/claude.sock"));
        Path file = cards.write(mine);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("\"shim_pid\""));
        assertEquals(List.of(mine), cards.live());
    }

    @Test
    void aCardWhoseShimIsGoneIsPrunedWithItsSocket() throws Exception {
        AgentCards cards = new AgentCards(dir.resolve("cards"));
        cards.ensureDirectory();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path socket = Files.createFile(dir.resolve("cards/old.sock"));
        cards.write(card("old", gone.pid(), socket));
        assertEquals(List.of(), cards.live());
        assertFalse(Files.exists(dir.resolve("cards/old-" + gone.pid() + ".json")));
        assertFalse(Files.exists(socket));
    }
}
