package io.agentorchestr.core.session;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionLockTest {
    @TempDir
    Path dir;

    @Test
    void aSessionIsDrivenByOneRunAtATimeAndFreedWhenItEnds() {
        assertFalse(SessionLock.held(dir));
        try (SessionLock lock = SessionLock.acquire(dir, "s1")) {
            assertTrue(SessionLock.held(dir));
            AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> SessionLock.acquire(dir, "s1"));
            assertTrue(e.getMessage().contains("session s1 is already being driven"), e.getMessage());
            assertTrue(SessionLock.held(dir), "a refused attempt does not release the holder's lock");
        }
        assertFalse(SessionLock.held(dir));
        SessionLock.acquire(dir, "s1").close();
    }
}
