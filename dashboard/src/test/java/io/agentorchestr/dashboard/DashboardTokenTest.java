package io.agentorchestr.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardTokenTest {
    @TempDir
    Path dir;

    @Test
    void theTokenIsKeptOwnerOnlyAndSurvivesARestartUntilRenewed() throws IOException {
        Path file = dir.resolve("state/dashboard.token");
        String first = DashboardToken.load(file, false);
        assertTrue(first.length() >= 43, first);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, DashboardToken.load(file, false), "a bookmark keeps working after a restart");
        String renewed = DashboardToken.load(file, true);
        assertNotEquals(first, renewed);
        assertEquals(renewed, DashboardToken.load(file, false));
    }

    @Test
    void aDamagedTokenFileIsReplaced() throws IOException {
        Path file = Files.writeString(dir.resolve("dashboard.token"), "short\n");
        assertNotEquals("short", DashboardToken.load(file, false));
    }

    @Test
    void onlyTheSameTokenMatches() {
        assertTrue(DashboardToken.matches("abc", "abc"));
        assertFalse(DashboardToken.matches("abc", "abd"));
        assertFalse(DashboardToken.matches("abc", null));
        assertFalse(DashboardToken.matches("abc", "abcd"));
    }
}
