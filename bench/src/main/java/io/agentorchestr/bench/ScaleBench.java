package io.agentorchestr.bench;

import io.agentorchestr.cli.mcp.RawMcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One session at 10, 50 and 100 workers (demo agents idle at their prompts, control mode): how fast
 * they spawn, what the orchestrator holds (RSS, threads), what they cost idle (CPU of our JVM, the
 * processes it forks and the tmux server; the agents' own is theirs) and list_workers' latency from a
 * plain HTTP client. Printed per size, so growth can be read off the rows.
 *
 * <p>Usage: {@code bench/run scale [idleSeconds] [sizes...]}, e.g. {@code bench/run scale 20 10 50 100}.
 */
public final class ScaleBench {
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_workers\",\"arguments\":{}}}";

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int idle = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 50, 100);
        }
        System.out.println("scale bench: " + sizes + " workers, " + idle + " s idle each ("
                + Runtime.getRuntime().availableProcessors() + " cores, " + Runtime.version() + ")");
        for (int n : sizes) {
            try (BenchRun run = BenchRun.start(TmuxMode.CONTROL, n)) {
                measure(run, n, idle);
            }
        }
        System.exit(0);
    }

    private static void measure(BenchRun run, int n, int idle) throws Exception {
        int threads0 = Thread.getAllStackTraces().size();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            run.call("spawn_worker", Map.of("task", "scale " + i + " [demo:ignore]"));
        }
        long spawned = System.nanoTime();
        run.awaitPrompts(n);
        long ready = System.nanoTime();
        System.gc();
        Thread.sleep(2000);
        CpuMeter meter = new CpuMeter(run.tmuxServerPid());
        Thread.sleep(idle * 1000L);
        CpuMeter.Split cpu = meter.read();
        RawMcp raw = run.rawLead();
        Samples list = new Samples("  list_workers (" + n + " workers), plain HTTP client");
        int bytes = 0;
        for (int i = 0; i < Integer.getInteger("scale.calls", 220); i++) {
            long t = System.nanoTime();
            RawMcp.Reply r = raw.post(LIST);
            if (i >= 20) {
                list.add(System.nanoTime() - t);
            }
            if (r.status() != 200 || r.message().path("result").path("isError").asBoolean()) {
                throw new IllegalStateException("list_workers: " + r.body());
            }
            bytes = r.body().length();
        }
        System.out.printf("%d workers: spawn_worker calls %.0f ms (%.1f/s), all at their prompts after %.1f s; "
                        + "orchestrator RSS %d MB, threads %d (%d before); idle %s (%.3f%% per worker)%n",
                n, (spawned - t0) / 1e6, n / ((spawned - t0) / 1e9), (ready - t0) / 1e9, CpuMeter.rssKb() / 1024,
                Thread.getAllStackTraces().size(), threads0, cpu.line(), cpu.total() / n);
        System.out.println(list.line() + "  (" + bytes / 1024 + " KB)");
    }
}
