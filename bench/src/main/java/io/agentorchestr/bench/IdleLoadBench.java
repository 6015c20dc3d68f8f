package io.agentorchestr.bench;

import io.agentorchestr.cli.mcp.LiveSession;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.worker.WorkerRecord;
import io.agentorchestr.core.worker.WorkerState;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The orchestrator under load: {@code n} demo workers idle at their prompts (done with their work,
 * no completion signal, so every one is watched), for {@code seconds}: CPU and RSS of the
 * orchestrator's JVM (this process: the session runs in-process; the harness only waits). Then, with
 * those workers still live, how long a done.flag takes to reach a blocked wait_for_worker.
 */
public final class IdleLoadBench {
    private IdleLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("agentorchestr-load");
        try (LiveSession session = new LiveSession(dir, workers)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            try {
                System.out.println("agentorchestr load benchmark (" + Runtime.getRuntime().availableProcessors()
                        + " cores, " + System.getProperty("java.version") + ")");
                for (int i = 0; i < workers; i++) {
                    call(lead, "spawn_worker", Map.of("task", "load " + i + " [demo:ignore]"));
                }
                awaitIdlePrompts(session, workers);
                idle(workers, seconds);
                completionLatency(session, lead, Math.min(20, workers));
            } finally {
                lead.closeGracefully();
            }
        }
        // Fifty pane processes were just torn down with the tmux server; do not wait for straggling
        // non-daemon client threads once the numbers are printed.
        System.exit(0);
    }

    /** Every worker's pane shows the demo prompt: its JVM started and it did its work. */
    private static void awaitIdlePrompts(LiveSession session, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<WorkerRecord> ws = session.context.store().workers(session.started.session().id());
            long ready = ws.stream().filter(w -> logContains(Path.of(w.logPath()), "demo> ")).count();
            if (ready >= n) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the workers did not reach their prompts within 5 minutes");
    }

    private static void idle(int workers, int seconds) throws Exception {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - t0;
        long cpu = cpuNanos() - cpu0;
        System.out.printf("%d idle demo workers for %d s: orchestrator CPU %.2f%% of one core, RSS %d MB, "
                        + "%d threads%n", workers, seconds, 100.0 * cpu / wall, rssKb() / 1024,
                Thread.getAllStackTraces().size());
    }

    /** done.flag (tmp + rename) until a blocked wait_for_worker returns, with all the other workers live. */
    private static void completionLatency(LiveSession session, McpSyncClient lead, int n) throws Exception {
        Samples samples = new Samples("done.flag -> wait_for_worker with " + n + "+ live workers");
        List<WorkerRecord> ws = session.context.store().workers(session.started.session().id());
        for (WorkerRecord w : ws.subList(0, n)) {
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                call(lead, "wait_for_worker", Map.of("worker_id", w.id(), "timeout_s", 60));
                return System.nanoTime();
            });
            Thread.sleep(300);  // let the call block in the server first
            long t0 = System.nanoTime();
            new DoneFlag(WorkerState.DONE, "bench").write(Path.of(w.worktree()));
            samples.add(returned.get() - t0);
        }
        System.out.println(samples.line());
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long rssKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }

    private static void call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + ": " + ((McpSchema.TextContent) r.content().get(0)).text());
        }
    }

}
