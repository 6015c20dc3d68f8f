package io.agentorchestr.core.session;

import io.agentorchestr.core.git.WorktreeStatus;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrerequisitesTest {
    @Test
    void whatAgentorchestrWritesUnderItsOwnDirectoryIsNotTheUsersUncommittedChange() {
        WorktreeStatus status = new WorktreeStatus(Set.of("src/App.java", ".agentorchestr/PROJECT.md"),
                Set.of(".agentorchestr/memory/episodes/2026-12-07-abc.md", "notes.txt", ".agentorchestrx"));
        assertEquals(3, Prerequisites.userChanges(status));
    }
}
