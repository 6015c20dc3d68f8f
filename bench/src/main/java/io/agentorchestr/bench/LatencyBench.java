package io.agentorchestr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.cli.mcp.RawMcp;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Latency of the MCP tool surface on a real session, before (a tmux process per command) and after
 * (one control-mode connection), in one run, beside the floor: spawn_worker until the worker's process
 * runs, next to a bare {@code git worktree add} + {@code tmux split-window}, each spawn on a quiet
 * machine (the previous worker has started); done.flag until wait_for_worker returns; list_workers
 * round trips over loopback.
 */
public final class LatencyBench {
    private static final SystemProcessRunner RUN = new SystemProcessRunner();
    private static final int WARM_UP_SPAWNS = 5;

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int spawns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int listCalls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.println("agentorchestr latency benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.version") + ", " + tmuxVersion() + ")");
        for (TmuxMode mode : TmuxMode.values()) {
            System.out.println("== " + mode.label);
            try (BenchRun run = BenchRun.start(mode, 100)) {
                System.out.println(baseline(run.dir, run.session.repo, spawns));
                spawn(run, spawns);
                System.out.println(doneFlag(run, spawns));
                listWorkers(run, listCalls);
            }
        }
        System.exit(0);
    }

    /** The floor: bare git worktree add + tmux split-window running a command, on the same repository. */
    private static String baseline(Path dir, Path repo, int n) {
        Samples samples = new Samples("floor: bare git worktree add + tmux split-window");
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
        return samples.line();
    }

    /**
     * spawn_worker call until the worker's agent process runs in its pane, seen from another thread
     * (the agent may start before the call's answer arrives). The first spawns warm the JVM up (class
     * loading, JIT: once per orchestrator) and are not counted.
     */
    private static void spawn(BenchRun run, int n) throws Exception {
        Samples call = new Samples("spawn_worker call (worktree, branch, pane, records)");
        Samples running = new Samples("spawn_worker call -> worker process running");
        long server = run.tmuxServerPid();
        for (int i = -WARM_UP_SPAWNS; i < n; i++) {
            String expected = String.format("w%02d", run.workers().size() + 1);
            CompletableFuture<Long> started = CompletableFuture.supplyAsync(() -> awaitAgent(server, expected));
            long t0 = System.nanoTime();
            JsonNode w = run.call("spawn_worker", Map.of("task", "bench " + i + " [demo:ignore]"));
            long returned = System.nanoTime();
            if (!w.path("worker_id").asText().equals(expected)) {
                throw new IllegalStateException("expected " + expected + ", spawned " + w);
            }
            long runningAt = started.get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (i >= 0) {
                call.add(returned - t0);
                running.add(runningAt - t0);
            }
            run.awaitPrompts(i + WARM_UP_SPAWNS + 1);  // a quiet machine for the next: this agent's start is over
        }
        System.out.println(call.line());
        System.out.println(running.line());
    }

    /**
     * When a pane of the tmux server runs worker {@code id}'s agent (its wrapper's environment names
     * it). Each process of the server is looked at once, so polling costs little of the CPU the
     * spawn it measures needs.
     */
    private static long awaitAgent(long tmuxServer, String id) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        String forked = BenchRun.cmdline(tmuxServer);  // what a child shows until it has exec'd
        long wrapper = -1;
        while (System.nanoTime() < deadline) {
            for (long pid : wrapper < 0 ? BenchRun.children(tmuxServer) : List.<Long>of()) {
                String cmdline = seen.contains(pid) ? "" : BenchRun.cmdline(pid);
                if (cmdline.equals(forked)) {
                    continue;  // not exec'd yet (the server's own argv may name the lead's wrapper)
                }
                // The launch wrapper (not a pipe-pane job, which tmux starts with the pane's environment).
                if (cmdline.contains("agentorchestr-launch")) {
                    seen.add(pid);
                    if (BenchRun.environ(pid).contains("AGENTORCHESTR_WORKER_ID=" + id + "\0")) {
                        wrapper = pid;
                    }
                } else if (cmdline.startsWith("sh\0-c\0")) {
                    seen.add(pid);  // a pipe-pane job
                }
            }
            if (wrapper >= 0 && BenchRun.agentProcess(wrapper).isPresent()) {
                return System.nanoTime();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder why = new StringBuilder();
        for (long pid : BenchRun.children(tmuxServer)) {
            String c = BenchRun.cmdline(pid).replace((char) 0, ' ');
            why.append("\n  ").append(pid).append(' ').append(c, 0, Math.min(60, c.length())).append(" id:")
                    .append(BenchRun.environ(pid).contains("AGENTORCHESTR_WORKER_ID=" + id + "\0"))
                    .append(" seen:").append(seen.contains(pid));
        }
        throw new IllegalStateException(id + "'s agent did not start within 60 s; wrapper " + wrapper + why);
    }

    /**
     * done.flag written (tmp + rename) until a blocked wait_for_worker returns; and the worker's state
     * change on the engine's board until its pane border, read back from tmux, says "done".
     */
    private static String doneFlag(BenchRun run, int n) throws Exception {
        Samples samples = new Samples("done.flag written -> wait_for_worker returns");
        Samples border = new Samples("state change -> pane border updated (read back)");
        Map<String, Long> changedAt = new java.util.concurrent.ConcurrentHashMap<>();
        run.session.started.supervisor().watchWorkers(w -> {
            if (w.state() == WorkerState.DONE) {
                changedAt.putIfAbsent(w.id(), System.nanoTime());
            }
        });
        List<WorkerRecord> live = run.workers().stream().filter(w -> !w.state().terminal()).skip(WARM_UP_SPAWNS)
                .limit(n).toList();
        for (WorkerRecord w : live) {
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                run.call("wait_for_worker", Map.of("worker_id", w.id(), "timeout_s", 60));
                return System.nanoTime();
            });
            CompletableFuture<Long> shown = CompletableFuture.supplyAsync(() -> awaitBorder(run, w, " done "));
            Thread.sleep(300);  // let the call block in the server first
            long t0 = System.nanoTime();
            new DoneFlag(WorkerState.DONE, "bench").write(Path.of(w.worktree()));
            samples.add(returned.get() - t0);
            long shownAt = shown.get(60, java.util.concurrent.TimeUnit.SECONDS);
            border.add(shownAt - changedAt.get(w.id()));
        }
        return samples.line() + "\n" + border.line();
    }

    /** When the worker's pane border label contains {@code text}, polled through a tmux client per look. */
    private static long awaitBorder(BenchRun run, WorkerRecord w, String text) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String label = RUN.runChecked(ProcessSpec.of("tmux", "-S", run.dir.resolve("tmux.sock").toString(),
                    "display-message", "-p", "-t", w.paneId(), "#{@agentorchestr}")).stdout();
            if (label.contains(text)) {
                return System.nanoTime();
            }
        }
        throw new IllegalStateException(w.id() + "'s border never said '" + text.strip() + "'");
    }

    /**
     * list_workers over loopback, from a plain HTTP client (the server's own latency) and from the MCP
     * Java SDK's client (what an agent built on it sees).
     */
    private static void listWorkers(BenchRun run, int n) throws Exception {
        RawMcp raw = run.rawLead();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"list_workers\",\"arguments\":{}}}";
        int workers = run.workers().size();
        System.out.println(timed("list_workers (" + workers + " workers), plain HTTP client", n, () -> {
            RawMcp.Reply r = raw.post(body);
            if (r.status() != 200 || r.message().path("result").path("isError").asBoolean()) {
                throw new IllegalStateException("list_workers: " + r.body());
            }
        }));
        System.out.println(timed("list_workers (" + workers + " workers), MCP SDK client", n,
                () -> run.call("list_workers", Map.of())));
        System.out.println(throughput(run, body, 4, n));
    }

    /** Calls per second with {@code clients} plain HTTP clients calling at once, {@code n} calls in all. */
    private static String throughput(BenchRun run, String body, int clients, int n) throws Exception {
        List<RawMcp> raws = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            raws.add(run.rawLead());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (RawMcp raw : raws) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < n / clients; i++) {
                        raw.post(body);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format("%-58s %.0f calls/s", "list_workers, " + clients + " plain HTTP clients at once",
                    (n / clients * clients) / seconds);
        } finally {
            pool.shutdown();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String timed(String name, int n, Call call) throws Exception {
        Samples samples = new Samples(name);
        for (int i = 0; i < 100; i++) {
            call.run();  // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run();
            samples.add(System.nanoTime() - t0);
        }
        return samples.line() + String.format("  %.0f calls/s", n / ((System.nanoTime() - start) / 1e9));
    }

    private static String tmuxVersion() {
        return RUN.run(ProcessSpec.of("tmux", "-V")).stdout().strip();
    }

    private static void run(String... argv) {
        RUN.runChecked(ProcessSpec.of(argv));
    }
}
