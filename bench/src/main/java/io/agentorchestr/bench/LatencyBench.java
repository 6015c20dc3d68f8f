package io.agentorchestr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.mcp.LiveSession;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.worker.WorkerState;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Latency of the MCP tool surface on a real session (private tmux server, real git repository, demo
 * workers), the harness playing the lead: spawn_worker until the worker's process runs, next to a
 * bare {@code git worktree add} + {@code tmux split-window}; done.flag until wait_for_worker returns;
 * list_workers round trips over loopback.
 */
public final class LatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SystemProcessRunner RUN = new SystemProcessRunner();

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int spawns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int listCalls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("agentorchestr-bench");
        try (LiveSession session = new LiveSession(dir, 100)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            try {
                System.out.println("agentorchestr latency benchmark (" + Runtime.getRuntime().availableProcessors()
                        + " cores, " + System.getProperty("java.version") + ", " + tmuxVersion() + ")");
                baseline(dir, session.repo, spawns);
                spawn(session.context, lead, spawns);
                doneFlag(session.context, lead, spawns);
                listWorkers(lead, listCalls);
            } finally {
                lead.closeGracefully();
            }
        }
    }

    /** Bare git worktree add + tmux split-window running a command, on the same repository. */
    private static void baseline(Path dir, Path repo, int n) {
        Samples samples = new Samples("bare git worktree add + tmux split-window");
        String sock = dir.resolve("baseline.sock").toString();
        run("tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "200", "-y", "50", "sleep 600");
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            run("git", "-C", repo.toString(), "worktree", "add", "-q", "-b", "bench/b" + i,
                    dir.resolve("bare/b" + i).toString(), "HEAD");
            run("tmux", "-S", sock, "split-window", "-d", "-t", "b", "-c", dir.resolve("bare/b" + i).toString(),
                    "sleep", "600");
            samples.add(System.nanoTime() - t0);
            run("tmux", "-S", sock, "select-layout", "-t", "b", "tiled");
        }
        run("tmux", "-S", sock, "kill-server");
        System.out.println(samples.line());
    }

    /** spawn_worker call until the worker's agent process (java, the demo) runs in its pane. */
    private static void spawn(CliContext context, McpSyncClient lead, int n) throws Exception {
        Samples call = new Samples("spawn_worker call (worktree, branch, pane, records)");
        Samples running = new Samples("spawn_worker call -> worker process running");
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            JsonNode w = json(lead, "spawn_worker", Map.of("task", "bench " + i + " [demo:ignore]"));
            call.add(System.nanoTime() - t0);
            PaneRef pane = new PaneRef(context.store().worker(sessionOf(context), w.path("worker_id").asText())
                    .orElseThrow().paneId());
            long panePid = context.tmux().paneStatus(pane).orElseThrow().pid();
            while (!agentRunning(panePid)) {
                Thread.sleep(1);
            }
            running.add(System.nanoTime() - t0);
        }
        System.out.println(call.line());
        System.out.println(running.line());
    }

    /** done.flag written (tmp + rename) until a blocked wait_for_worker returns. */
    private static void doneFlag(CliContext context, McpSyncClient lead, int n) throws Exception {
        Samples samples = new Samples("done.flag written -> wait_for_worker returns");
        String session = sessionOf(context);
        List<String> ids = new ArrayList<>();
        for (var w : context.store().workers(session)) {
            if (!w.state().terminal()) {
                ids.add(w.id());
            }
        }
        for (String id : ids.subList(0, Math.min(n, ids.size()))) {
            Path worktree = Path.of(context.store().worker(session, id).orElseThrow().worktree());
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                json(lead, "wait_for_worker", Map.of("worker_id", id, "timeout_s", 60));
                return System.nanoTime();
            });
            Thread.sleep(300);  // let the call block in the server first
            long t0 = System.nanoTime();
            new DoneFlag(WorkerState.DONE, "bench").write(worktree);
            samples.add(returned.get() - t0);
        }
        System.out.println(samples.line());
    }

    private static void listWorkers(McpSyncClient lead, int n) {
        Samples samples = new Samples("list_workers round trip over loopback");
        for (int i = 0; i < 50; i++) {
            json(lead, "list_workers", Map.of());  // warm-up
        }
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            json(lead, "list_workers", Map.of());
            samples.add(System.nanoTime() - t0);
        }
        System.out.println(samples.line());
    }

    /** The pane's launch wrapper has started the agent: a descendant that is neither a shell nor tmux's gate. */
    private static boolean agentRunning(long panePid) {
        return ProcessHandle.of(panePid).stream().flatMap(ProcessHandle::descendants)
                .map(p -> p.info().command().orElse(""))
                .anyMatch(c -> !c.isEmpty() && !c.endsWith("/sh") && !c.endsWith("/dash") && !c.endsWith("/bash")
                        && !c.endsWith("/tmux"));
    }

    private static String sessionOf(CliContext context) {
        return context.store().recentSessions(1).get(0).id();
    }

    private static JsonNode json(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + ": " + text);
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tmuxVersion() {
        return RUN.run(ProcessSpec.of("tmux", "-V")).stdout().strip();
    }

    private static void run(String... argv) {
        RUN.runChecked(ProcessSpec.of(argv));
    }
}
