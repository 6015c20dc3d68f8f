package io.agentorchestr.core.config;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreConfigTest {
    @TempDir
    Path dir;

    @Test
    void keepDaysIsNinetyUnlessTheUsersConfigSaysOtherwise() throws Exception {
        assertEquals(90, StoreConfig.keepDays(dir));
        Files.writeString(dir.resolve("config.toml"), "[store]\nkeep_days = 30\n");
        assertEquals(30, StoreConfig.keepDays(dir));
        Files.writeString(dir.resolve("config.toml"), "[store]\nkeep_days = 0\n");
        assertEquals(0, StoreConfig.keepDays(dir));
    }

    @Test
    void aKeepDaysThatIsNoWholeNumberOfDaysNamesTheFileAndTheRange() throws Exception {
        for (String bad : new String[] {"-1", "\"30\"", "1.5", "40000"}) {
            Files.writeString(dir.resolve("config.toml"), "[store]\nkeep_days = " + bad + "\n");
            AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> StoreConfig.keepDays(dir));
            assertTrue(e.getMessage().contains("[store] keep_days in " + dir.resolve("config.toml"))
                    && e.getMessage().contains("from 0 (keep everything) to 36500"), e.getMessage());
        }
    }
}
