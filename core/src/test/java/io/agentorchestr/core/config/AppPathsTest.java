package io.agentorchestr.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppPathsTest {
    @TempDir
    Path home;

    @Test
    void defaultsFollowXdgUnderHome() {
        AppPaths p = AppPaths.fromEnvironment(Map.of("HOME", home.toString()));
        assertEquals(home.resolve(".config/agentorchestr"), p.config());
        assertEquals(home.resolve(".local/share/agentorchestr"), p.data());
        assertEquals(home.resolve(".local/state/agentorchestr"), p.state());
        assertEquals(home.resolve(".local/share/agentorchestr/state.db"), p.stateDb());
        assertTrue(p.runtime().isEmpty());
    }

    @Test
    void xdgVariablesAndExplicitOverridesWin() {
        AppPaths p = AppPaths.fromEnvironment(Map.of("HOME", home.toString(), "XDG_DATA_HOME", "/xdg/data",
                "AGENTORCHESTR_CONFIG_DIR", "/explicit/config", "XDG_RUNTIME_DIR", "/run/user/1"));
        assertEquals(Path.of("/xdg/data/agentorchestr"), p.data());
        assertEquals(Path.of("/explicit/config"), p.config());
        assertEquals(Path.of("/run/user/1"), p.runtime().orElseThrow());
    }

    @Test
    void aLegacyDirectoryKeepsWorkingWhenNoXdgDirectoryExists() throws IOException {
        Files.createDirectories(home.resolve(".agentorchestr"));
        AppPaths p = AppPaths.fromEnvironment(Map.of("HOME", home.toString()));
        assertEquals(home.resolve(".agentorchestr"), p.data());
        assertEquals(home.resolve(".agentorchestr"), p.config());
    }

    @Test
    void anExistingXdgDirectoryIsPreferredOverTheLegacyOne() throws IOException {
        Files.createDirectories(home.resolve(".agentorchestr"));
        Files.createDirectories(home.resolve(".local/share/agentorchestr"));
        assertEquals(home.resolve(".local/share/agentorchestr"),
                AppPaths.fromEnvironment(Map.of("HOME", home.toString())).data());
    }
}
