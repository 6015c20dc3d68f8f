package io.agentorchestr.core.health;

import io.agentorchestr.core.model.RecoveryStep;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthConfigTest {
    @TempDir
    Path project;

    private void config(String toml) throws IOException {
        Files.createDirectories(project.resolve(".agentorchestr"));
        Files.writeString(project.resolve(".agentorchestr/config.toml"), toml);
    }

    @Test
    void withoutAConfigFileTheDefaultsApply() {
        assertEquals(HealthPolicy.DEFAULT, HealthConfig.load(project));
    }

    @Test
    void keysGivenOverrideTheDefaultsAndTheRestStay() throws IOException {
        config("[health]\nhung_after_s = 90\non_hung = [\"restart\"]\n[circuit_breaker]\nfailures = 5\n");
        HealthPolicy p = HealthConfig.load(project);
        assertEquals(Duration.ofSeconds(90), p.hungAfter());
        assertEquals(List.of(RecoveryStep.RESTART), p.onHung());
        assertEquals(5, p.breakerFailures());
        assertEquals(HealthPolicy.DEFAULT.idleAfter(), p.idleAfter());
        assertEquals(HealthPolicy.DEFAULT.breakerCooldown(), p.breakerCooldown());
    }

    @Test
    void aBadValueNamesTheFileTheKeyAndTheChoices() throws IOException {
        config("[health]\non_hung = [\"pray\"]\n");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> HealthConfig.load(project));
        assertTrue(e.getMessage().contains("config.toml"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown recovery step 'pray'; use nudge, interrupt and/or restart"),
                e.getMessage());
        config("[health]\nhung_after_s = 0\n");
        e = assertThrows(AgentorchestrException.class, () -> HealthConfig.load(project));
        assertTrue(e.getMessage().contains("hung_after_s (--hung-after) must be from 1 s to 604800 s (7 days), not 0 s"),
                e.getMessage());
        config("[health]\nmax_restarts = 1000000\n");
        e = assertThrows(AgentorchestrException.class, () -> HealthConfig.load(project));
        assertTrue(e.getMessage().contains("max_restarts must be from 0 to 100, not 1000000"), e.getMessage());
    }
}
