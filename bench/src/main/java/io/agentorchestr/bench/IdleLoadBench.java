package io.agentorchestr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The orchestrator under load, before (a tmux process per command) and after (one control-mode
 * connection), in one run: {@code n} demo workers idle at their prompts (done with their work, no
 * completion signal, so every one is watched) for {@code seconds}: CPU split into the orchestrator's
 * JVM, the processes it forks and the tmux server, RSS and threads. Then, with those workers live,
 * how long a done.flag and an agent's death take to reach a blocked wait_for_worker.
 */
public final class IdleLoadBench {
    private IdleLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        System.out.println("agentorchestr load benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.version") + ")");
        // A third argument (processes or control) runs one mode only, for a profiler.
        List<TmuxMode> modes = args.length > 2 ? List.of(TmuxMode.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)))
                : List.of(TmuxMode.values());
        for (TmuxMode mode : modes) {
            System.out.println("== " + mode.label);
            try (BenchRun run = BenchRun.start(mode, workers)) {
                measure(run, workers, seconds);
            }
        }
        // Fifty pane processes were just torn down with the tmux server; do not wait for straggling
        // non-daemon client threads once the numbers are printed.
        System.exit(0);
    }

    private static void measure(BenchRun run, int workers, int seconds) throws Exception {
        int threadsBefore = Thread.getAllStackTraces().size();
        for (int i = 0; i < workers; i++) {
            run.call("spawn_worker", Map.of("task", "load " + i + " [demo:ignore]"));
        }
        run.awaitPrompts(workers);
        System.gc();
        Thread.sleep(2000);  // the last prompts' output settles
        CpuMeter meter = new CpuMeter(run.tmuxServerPid());
        Thread.sleep(seconds * 1000L);
        CpuMeter.Split cpu = meter.read();
        System.out.printf("%d idle demo workers for %d s (no idle reminders): %s; RSS %d MB; threads %d with no worker, "
                        + "%d with %d%n",
                workers, seconds, cpu.line(), CpuMeter.rssKb() / 1024, threadsBefore,
                Thread.getAllStackTraces().size(), workers);
        List<WorkerRecord> ws = run.workers();
        int n = Math.min(20, workers / 2);
        System.out.println(latency(run, ws.subList(0, n), "done.flag -> wait_for_worker with " + workers
                + " live workers", "done", w -> () -> new DoneFlag(WorkerState.DONE, "bench").write(Path.of(w.worktree()))));
        System.out.println(latency(run, ws.subList(n, 2 * n), "agent SIGKILLed -> wait_for_worker with exit status", "failed 137", w -> {
            ProcessHandle agent = ProcessHandle.of(BenchRun.agentProcess(run.panePid(w)).orElseThrow()).orElseThrow();
            return agent::destroyForcibly;
        }));
    }

    /** What to time on a worker, prepared before the clock starts. */
    private interface Act {
        Timed prepare(WorkerRecord w) throws Exception;
    }

    private interface Timed {
        void run() throws Exception;
    }

    /** The act on each worker in turn until a wait_for_worker already blocked on it returns. */
    private static String latency(BenchRun run, List<WorkerRecord> ws, String name, String expected, Act act)
            throws Exception {
        Samples samples = new Samples(name);
        for (WorkerRecord w : ws) {
            CompletableFuture<JsonNode> returned = CompletableFuture.supplyAsync(() ->
                    run.call("wait_for_worker", Map.of("worker_id", w.id(), "timeout_s", 60)));
            Thread.sleep(300);  // let the call block in the server first
            Timed timed = act.prepare(w);
            long t0 = System.nanoTime();
            timed.run();
            JsonNode ended = returned.get();
            samples.add(System.nanoTime() - t0);
            String got = ended.path("state").asText() + (ended.path("exit_status").isNull() ? ""
                    : " " + ended.path("exit_status").asInt());
            if (!got.equals(expected)) {
                throw new IllegalStateException(w.id() + " did not end as expected: " + ended);
            }
        }
        return samples.line();
    }
}
