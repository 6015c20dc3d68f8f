package io.agentorchestr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.mcp.LiveSession;
import io.agentorchestr.cli.mcp.RawMcp;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.model.WorkerRecord;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real session in this JVM (private tmux server, real git repository, demo workers) with the harness as its lead. */
final class BenchRun implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final LiveSession session;
    private final McpSyncClient lead;

    private BenchRun(Path dir, LiveSession session, McpSyncClient lead) {
        this.dir = dir;
        this.session = session;
        this.lead = lead;
    }

    /**
     * The default health policy, but for reminders of idle workers (idle_after 1 h): one-off work per
     * worker that would fall into a measurement of the steady idle state.
     */
    static final HealthPolicy NO_REMINDERS = new HealthPolicy(HealthPolicy.DEFAULT.hungAfter(),
            HealthPolicy.DEFAULT.onHung(), HealthPolicy.DEFAULT.maxRestarts(), Duration.ofHours(1),
            HealthPolicy.DEFAULT.breakerFailures(), HealthPolicy.DEFAULT.breakerCooldown());

    static BenchRun start(TmuxMode mode, int maxWorkers) throws IOException {
        Path dir = Files.createTempDirectory("agentorchestr-bench");
        LiveSession session = new LiveSession(dir, maxWorkers, "", List.of("demo"), new SystemProcessRunner(),
                mode.env(), NO_REMINDERS);
        String[] endpoint = session.leadEndpoint();
        return new BenchRun(dir, session, LiveSession.client(endpoint[0], endpoint[1]));
    }

    /** The lead's MCP endpoint for a plain HTTP client, initialized. */
    RawMcp rawLead() throws Exception {
        String[] endpoint = session.leadEndpoint();
        return new RawMcp(endpoint[0], endpoint[1]).initialize();
    }

    /** A lead tool call's answer as the lead reads it; a tool error stops the benchmark. */
    String text(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = lead.callTool(new McpSchema.CallToolRequest(tool, args));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + ": " + text);
        }
        return text;
    }

    /** A lead tool call's JSON answer; a tool error stops the benchmark. */
    JsonNode call(String tool, Map<String, Object> args) {
        String text = text(tool, args);
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(tool + " answered no JSON: " + text, e);
        }
    }

    List<WorkerRecord> workers() {
        return session.context.store().workers(session.started.session().id());
    }

    WorkerRecord worker(String id) {
        return session.context.store().worker(session.started.session().id(), id).orElseThrow();
    }

    long panePid(WorkerRecord w) {
        return session.context.tmux().paneStatus(new PaneRef(w.paneId())).orElseThrow().pid();
    }

    long tmuxServerPid() {
        String out = new SystemProcessRunner().runChecked(ProcessSpec.of("tmux", "-S",
                dir.resolve("tmux.sock").toString(), "display-message", "-p", "#{pid}")).stdout();
        return Long.parseLong(out.strip());
    }

    /**
     * The pane's agent: a descendant of its launch wrapper that is neither a shell nor tmux's gate.
     * Found through /proc/PID/task/TID/children and comm: a harness that scanned all of /proc every
     * millisecond would itself slow the start it measures.
     */
    static Optional<Long> agentProcess(long panePid) {
        List<Long> queue = new java.util.ArrayList<>(children(panePid));
        while (!queue.isEmpty()) {
            long pid = queue.remove(0);
            String comm = read(Path.of("/proc/" + pid + "/comm")).strip();
            // tmux names its client process "tmux: client".
            if (!comm.isEmpty() && !List.of("sh", "dash", "bash").contains(comm) && !comm.startsWith("tmux")) {
                return Optional.of(pid);
            }
            queue.addAll(children(pid));
        }
        return Optional.empty();
    }

    /** The process's environment, NUL-separated ("" once it is gone). */
    static String environ(long pid) {
        return read(Path.of("/proc/" + pid + "/environ"));
    }

    /** The process's argv, NUL-separated. */
    static String cmdline(long pid) {
        return read(Path.of("/proc/" + pid + "/cmdline"));
    }

    static List<Long> children(long pid) {
        List<Long> out = new java.util.ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(t -> {
                for (String c : read(t.resolve("children")).trim().split("\\s+")) {
                    if (!c.isEmpty()) {
                        out.add(Long.parseLong(c));
                    }
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // gone meanwhile
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until {@code n} workers show the demo agent's prompt: started and done with their task. */
    void awaitPrompts(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (workers().stream().filter(w -> logContains(Path.of(w.logPath()), "demo> ")).count() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the workers did not reach their prompts within 5 minutes");
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the session, then removes its directory (repository, worktrees, logs). */
    @Override
    public void close() {
        lead.closeGracefully();
        session.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
