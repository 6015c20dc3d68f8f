package io.agentorchestr.bench;

import io.agentorchestr.core.cost.Prices;
import io.agentorchestr.core.cost.SessionUsage;
import io.agentorchestr.core.cost.UsageMeter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reading the agents' records costs the orchestrator: {@code n} Claude Code workers, each appending
 * a response to its transcript every 5 s (records the pinned Claude Code wrote, renumbered), read as a
 * running session reads them: every worker's usage every 3 s (the budget's look) and again every 15 s
 * (the spending ledger). Prints the reading thread's CPU as a share of one core, and each look's time.
 */
public final class UsageBench {
    private UsageBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path root = Path.of(System.getProperty("agentorchestr.dist")).resolve("../../..").normalize();
        List<String> sample = Files.readAllLines(root.resolve(
                "core/src/test/resources/io/agentorchestr/core/cost/claude-code-transcript.jsonl"));
        Path dir = Files.createTempDirectory("usage-bench");
        Path claude = dir.resolve("claude");
        List<Path> worktrees = new ArrayList<>();
        List<Path> transcripts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Path wt = Files.createDirectories(dir.resolve("worktrees/w" + i));
            Path t = Files.createDirectories(claude.resolve("projects").resolve(wt.toString().replaceAll("[/.]", "-")))
                    .resolve("t.jsonl");
            Files.write(t, sample, StandardCharsets.UTF_8);
            worktrees.add(wt);
            transcripts.add(t);
        }
        ScheduledExecutorService agents = Executors.newScheduledThreadPool(1);
        AtomicLong responses = new AtomicLong();
        for (int i = 0; i < workers; i++) {
            Path t = transcripts.get(i);
            agents.scheduleAtFixedRate(() -> respond(t, sample, responses.incrementAndGet()), 5000L * i / workers,
                    5000, TimeUnit.MILLISECONDS);
        }
        SessionUsage usage = new SessionUsage(new UsageMeter(claude, dir.resolve("codex")), Prices.load(dir));
        Instant since = Instant.now().minusSeconds(60);
        Samples looks = new Samples("one look at " + workers + " workers' usage");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[1];
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        Runnable look = () -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < workers; i++) {
                usage.ofAgent("s/w" + i, "claude", worktrees.get(i), since);
            }
            looks.add(System.nanoTime() - t0);
        };
        reader.submit(look).get();  // the first look reads each whole transcript; the session's start pays it once
        long cpu0 = reader.submit(() -> mx.getCurrentThreadCpuTime()).get();
        long wall0 = System.nanoTime();
        reader.scheduleAtFixedRate(look, 3, 3, TimeUnit.SECONDS);
        reader.scheduleAtFixedRate(look, 15, 15, TimeUnit.SECONDS);
        Thread.sleep(seconds * 1000L);
        reader.submit(() -> cpu[0] = mx.getCurrentThreadCpuTime()).get();
        double wall = System.nanoTime() - wall0;
        reader.shutdownNow();
        agents.shutdownNow();
        System.out.printf("reading %d Claude Code workers' usage for %d s (%d responses appended, a look every 3 s "
                        + "and every 15 s): %.3f%% of one core%n", workers, seconds, responses.get(),
                100.0 * (cpu[0] - cpu0) / wall);
        System.out.println(looks.line());
    }

    /** One response as Claude Code records it: the sample's assistant records with a new message id. */
    private static void respond(Path transcript, List<String> sample, long n) {
        StringBuilder lines = new StringBuilder();
        for (String line : sample) {
            if (line.contains("\"type\":\"assistant\"")) {
                lines.append(line.replaceAll("\"id\":\"msg_[^\"]*\"", "\"id\":\"msg_bench_" + n + "\"")).append('\n');
            }
        }
        try {
            Files.writeString(transcript, lines, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
