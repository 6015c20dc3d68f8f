package io.agentorchestr.core.worker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RollbackTest {
    @Test
    void stepsAreTakenBackNewestFirstAndAFailingOneDoesNotStopTheRest() {
        List<String> undone = new ArrayList<>();
        Rollback r = new Rollback();
        r.add("worktree", () -> undone.add("worktree"));
        r.add("prompt", () -> {
            throw new IllegalStateException("disk gone");
        });
        r.add("pane", () -> undone.add("pane"));
        assertEquals(List.of("prompt (disk gone)"), r.run());
        assertEquals(List.of("pane", "worktree"), undone);
        assertEquals(List.of(), r.run(), "each step runs once");
    }
}
