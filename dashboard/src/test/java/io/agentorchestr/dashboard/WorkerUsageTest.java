package io.agentorchestr.dashboard;

import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.store.StoreReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker's card data carries its tokens and cost from its agent's records, or says they are unknown. */
class WorkerUsageTest {
    @TempDir
    Path dir;

    @Test
    void aClaudeWorkersUsageIsReadAndPricedAndADemoWorkersIsUnknown() throws IOException {
        Path worktree = dir.resolve("wt/s1/w01");
        Path transcripts = Files.createDirectories(dir.resolve("claude/projects").resolve(worktree.toString()
                .replaceAll("[/.]", "-")));
        Files.writeString(transcripts.resolve("t.jsonl"), "{\"type\":\"assistant\",\"requestId\":\"r1\",\"message\":"
                + "{\"id\":\"m1\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}}}\n");
        Path db = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            Instant now = Instant.now();
            store.createSession(new SessionRecord("s1", "auto", "goal", dir.resolve("project").toString(), "demo",
                    List.of("claude"), SessionStatus.DONE, "abc", "i", "t", "", null, "/d", 1, null, now, now, now));
            store.saveWorker(new WorkerRecord("s1", "w01", 1, "implementer", "claude", null, "task", "%1",
                    worktree.toString(), "b1", WorkerState.DONE, "ok", null, null, "/log", now, now, now, null, null));
            store.saveWorker(new WorkerRecord("s1", "w02", 1, "implementer", "demo", null, "task", "%2",
                    dir.resolve("wt/s1/w02").toString(), "b2", WorkerState.DONE, "ok", null, null, "/log", now, now,
                    now, null, null));
        }
        try (StoreReader reader = StoreReader.open(db)) {
            DashboardData data = new DashboardData(reader, new LocalGit(new SystemProcessRunner()),
                    new UsageMeter(dir.resolve("claude"), dir.resolve("codex")));
            List<Map<String, Object>> workers = data.workers("s1").orElseThrow();

            Map<?, ?> usage = (Map<?, ?>) workers.get(0).get("usage");
            assertEquals(1000L, usage.get("input_tokens"));
            assertEquals(1000 * 3.0 / 1e6 + 100 * 15.0 / 1e6, (Double) usage.get("usd"), 1e-12);
            assertEquals(false, ((Map<?, ?>) workers.get(1).get("usage")).get("known"));
        }
    }
}
