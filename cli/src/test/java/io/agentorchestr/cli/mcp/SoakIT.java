package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static io.agentorchestr.cli.mcp.LiveSession.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 spawn / finish / merge cycles in one session, at most 5 workers at once, leave nothing behind:
 * the same panes, worktrees, open file descriptors and threads as before them. (A leak of one per
 * cycle shows as 50; more cycles only cost CI minutes.)
 */
@Timeout(600)
class SoakIT {
    private static final int CYCLES = 50;
    private static final int WARM_UP = 5;

    @TempDir
    Path dir;

    @Test
    void fiftyCyclesLeaveNoStrayPanesWorktreesDescriptorsOrThreads() throws Exception {
        try (LiveSession session = new LiveSession(dir, 5)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            try {
                cycles(lead, WARM_UP, 0);
                Snapshot before = Snapshot.take(session);

                cycles(lead, CYCLES, WARM_UP);

                try {
                    // Closing panes and ending watch threads takes a moment after the last merge.
                    Poll.until("resources back to where they were", Duration.ofSeconds(60),
                            () -> Snapshot.take(session).settledAt(before));
                } catch (AssertionError e) {
                    // the assertions below say which resource did not come back, with the numbers
                }
                Snapshot after = Snapshot.take(session);
                assertEquals(before.panes, after.panes, "tmux panes");
                // The spare worktree's name changes as spawns take it: counted, and listed when they differ.
                assertEquals(before.worktrees.size(), after.worktrees.size(), () -> "git worktrees: "
                        + before.worktrees + " before, " + after.worktrees + " after; what went wrong: "
                        + session.progress.stream().filter(l -> l.contains("not ") || l.contains("fail")).toList());
                assertTrue(after.descriptors <= before.descriptors, "open descriptors: " + before.descriptors
                        + " before, " + after.descriptors + " after");
                assertEquals(before.threads, after.threads, "threads");
                JsonNode all = json(call(lead, "list_workers", Map.of()));
                assertEquals(CYCLES + WARM_UP, all.size());
                for (JsonNode w : all) {
                    assertEquals("done", w.get("state").asText(), w.toString());
                    assertTrue(w.get("merged").asBoolean(), w.toString());
                }
            } finally {
                lead.closeGracefully();
            }
        }
    }

    /** Spawns {@code n} workers, at most 5 at a time, and merges each as it finishes. */
    private static void cycles(McpSyncClient lead, int n, int offset) throws Exception {
        int spawned = 0;
        int finished = 0;
        Set<String> running = new HashSet<>();
        while (finished < n) {
            while (spawned < n && running.size() < 5) {
                JsonNode w = json(call(lead, "spawn_worker", Map.of("task", "Soak " + (offset + spawned))));
                running.add(w.get("worker_id").asText());
                spawned++;
            }
            JsonNode r = json(call(lead, "wait_for_any", Map.of("timeout_s", 120)));
            assertFalse(r.get("finished").isEmpty(), "a worker finished within 120 s: " + r);
            for (JsonNode w : r.get("finished")) {
                String id = w.get("worker_id").asText();
                assertEquals("done", w.get("state").asText(), w.toString());
                JsonNode m = json(call(lead, "merge_worker", Map.of("worker_id", id)));
                assertTrue(m.get("merged").asBoolean(), m.toString());
                running.remove(id);
                finished++;
            }
        }
    }

    /** What a long session could leak. */
    private record Snapshot(int panes, List<String> worktrees, int descriptors, List<String> threads) {
        private static final List<String> WATCHERS = List.of("monitor-", "fleet-watch", "worker-endings",
                "FileSystemWatcher", "health-", "tmux-control-", "pause");

        static Snapshot take(LiveSession s) {
            SystemProcessRunner runner = new SystemProcessRunner();
            ExecResult panes = runner.run(ProcessSpec.of("tmux", "-S", s.dir.resolve("tmux.sock").toString(),
                    "list-panes", "-a", "-F", "#{pane_id}"));
            ExecResult trees = runner.run(ProcessSpec.of("git", "-C", s.repo.toString(), "worktree", "list",
                    "--porcelain"));
            String[] fds = new File("/proc/self/fd").list();
            // Pool threads come and go with load (HTTP clients, Jetty); our own watchers (and the JDK's
            // file-watch threads behind them) must not pile up: counted by name, duplicates kept.
            List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> WATCHERS.stream().anyMatch(n::startsWith)).sorted().toList();
            return new Snapshot((int) panes.stdout().lines().filter(l -> !l.isBlank()).count(),
                    trees.stdout().lines().filter(l -> l.startsWith("worktree ")).toList(),
                    fds == null ? -1 : fds.length, threads);
        }

        boolean settledAt(Snapshot before) {
            return panes == before.panes && worktrees.size() == before.worktrees.size() && descriptors <= before.descriptors
                    && Objects.equals(threads, before.threads);
        }
    }

}
