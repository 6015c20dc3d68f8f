package io.agentorchestr.cli.agents;

import io.agentorchestr.cli.Distribution;
import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user waits for when a real agent CLI is spawned (Claude Code, Gemini CLI, Codex, OpenCode, against scripted
 * model servers on loopback, as in their ITs): the agent's bare start (alone in a tmux pane until its
 * idle marker), the first spawn_worker of its kind, and the next one cold and warm (decision 0031),
 * beside the tmux + git floor of the same spawn (its pane and worktree made, from worker_spawned), and
 * from the next spawn to that agent's first request to the model (for an agent whose prompt goes on its
 * command line the spawn itself returns at once, and the agent's start comes after it). Medians.
 * The first worker works for 8 s, so the warm agent is at its input when the next is spawned.
 *
 * <p>Usage: {@code bench/run agents [runs] [agents...]} (default 2 runs of Claude Code, Gemini CLI, Codex
 * and OpenCode).
 */
public final class AgentStartBench {
    private static final String SLOW = "[bench-slow]";
    private static final String FAST = "[bench-fast]";

    private AgentStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path npm = Path.of(System.getProperty("agentorchestr.npm.bin")).toAbsolutePath();
        System.out.println("agents bench: " + runs + " run(s) each, agent CLIs from " + npm);
        List<String> agents = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("claude", "gemini", "codex", "opencode");
        for (String agent : agents) {
            List<Long> bare = new ArrayList<>();
            List<long[]> cold = new ArrayList<>();
            List<long[]> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                bare.add(bareStart(agent, npm));
                cold.add(goal(agent, npm, false));
                warm.add(goal(agent, npm, true));
            }
            System.out.printf("%-8s bare start to its idle marker %5d ms | first spawn until its prompt is in "
                            + "%5d ms (tmux + git %d ms) | next of its kind: until its prompt is in: cold %5d ms, warm "
                            + "%4d ms (tmux + git %d ms); until its first model request: cold %5d ms, warm %5d ms%n",
                    agent, median(bare), median(col(cold, 0)), median(col(cold, 1)), median(col(cold, 2)),
                    median(col(warm, 2)), median(col(warm, 3)), median(col(cold, 4)), median(col(warm, 4)));
        }
    }

    /** Milliseconds from launching the agent alone in a tmux pane to its idle marker on screen. */
    private static long bareStart(String agent, Path npm) throws Exception {
        Path dir = Files.createTempDirectory("agentorchestr-agents-bench");
        try (Distribution dist = sandbox(dir, npm); ScriptedModelServer api = api(agent, new ModelScript(List.of()))) {
            setUp(agent, dist, api);
            Path project = project(dir);
            AgentProfile profile = AgentRegistry.load(null).find(agent).orElseThrow();
            List<String> argv = new ArrayList<>(List.of("new-session", "-d", "-s", "bare", "-x", "200", "-y", "50",
                    "-c", project.toString()));
            dist.environment().forEach((k, v) -> argv.addAll(List.of("-e", k + "=" + v)));
            // Its folder trusted as agentorchestr trusts a worktree, so no first-run dialog stands in the way.
            List<String> trust = new FirstRunDialogs(dist.home().resolve(".claude.json"), dist.home().resolve(".codex"))
                    .preAccept(profile, project, List.of(project));
            argv.addAll(AgentLauncher.interactive(profile, npm.resolve(agent), trust));
            long t = System.nanoTime();
            ExecResult r = dist.tmux(argv.toArray(String[]::new));
            if (!r.ok()) {
                throw new IllegalStateException("tmux: " + r.stderr());
            }
            long deadline = t + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                String screen = dist.tmux("capture-pane", "-p", "-t", "bare").stdout();
                if (ScreenMarkers.anyIn(profile.markers().idle(), screen)) {
                    return (System.nanoTime() - t) / 1_000_000;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException(agent + " showed no idle marker within 90 s:\n"
                    + dist.tmux("capture-pane", "-p", "-t", "bare").stdout());
        }
    }

    /**
     * A demo lead's goal of two workers of {@code agent}, one at a time; returns the first
     * spawn_worker's ms, its tmux + git ms, the second's ms and its tmux + git ms.
     */
    private static long[] goal(String agent, Path npm, boolean warm) throws Exception {
        Path dir = Files.createTempDirectory("agentorchestr-agents-bench");
        ModelScript script = new ModelScript(List.of(
                new ModelScript.Role("slow", t -> t.contains("You are worker") && t.contains(SLOW), List.of(
                        new ModelScript.Shell("sleep 8 && printf 'slow\\n' > slow.txt && git add slow.txt"
                                + " && git commit -q -m 'add slow.txt'"),
                        new ModelScript.Finish("added slow.txt"), new ModelScript.Say("Done."))),
                ModelScript.committingWorker(FAST)));
        try (Distribution dist = sandbox(dir, npm).withTimeout(Duration.ofMinutes(4));
             ScriptedModelServer api = api(agent, script)) {
            setUp(agent, dist, api);
            Path project = project(dir);
            Files.createDirectories(project.resolve(".agentorchestr"));
            Files.writeString(project.resolve(".agentorchestr/config.toml"), "[workers]\nwarm = " + warm + "\n");
            ExecResult r = dist.run("--goal", "Slow file " + SLOW + " [demo:agent=" + agent + "]\nFast file " + FAST
                    + " [demo:agent=" + agent + "]", "--lead", "demo", "--agents", "demo," + agent, "--max-workers", "1",
                    "--project", project.toString(), "--no-attach", "--json", "--timeout", "4m");
            if (r.exitCode() != 0) {
                throw new IllegalStateException(agent + " goal failed (" + r.exitCode() + "):\n" + r.stderr());
            }
            String session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout()).get("session")
                    .asText();
            // A spawn's launch, from its op's start (after the agent is chosen and a finished worker's agent
            // is stopped, which the worker limit of 1 makes it wait for) to its prompt submitted.
            List<Long> launches = new ArrayList<>();
            List<java.time.Instant> began = new ArrayList<>();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dist.stateDb());
                 java.sql.PreparedStatement q = c.prepareStatement("SELECT started_at, finished_at FROM ops WHERE "
                         + "session_id = ? AND kind = 'spawn_worker' AND outcome = 'ok' ORDER BY id")) {
                q.setString(1, session);
                try (java.sql.ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        began.add(java.time.Instant.parse(rows.getString(1)));
                        launches.add(Duration.between(began.get(began.size() - 1),
                                java.time.Instant.parse(rows.getString(2))).toMillis());
                    }
                }
            }
            try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
                List<Long> floors = store.events(session).stream().filter(e -> e.kind().equals("worker_spawned"))
                        .map(e -> e.json().path("durationMs").asLong()).toList();
                // The second worker's first request to the model: its agent at work on its task.
                long working = Duration.between(began.get(1), script.served.get("worker_0")).toMillis();
                return new long[] {launches.get(0), floors.get(0), launches.get(1), floors.get(1), working};
            }
        }
    }

    /** A git repository with one commit, its agentorchestr directory kept out of git. */
    private static Path project(Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("README.md"), "bench\n");
        Files.writeString(project.resolve(".gitignore"), ".agentorchestr/\n");
        SystemProcessRunner git = new SystemProcessRunner();
        for (List<String> args : List.of(List.of("init", "-q"), List.of("add", "-A"), List.of("-c", "user.name=Bench",
                "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "init"))) {
            List<String> argv = new ArrayList<>(List.of("git"));
            argv.addAll(args);
            git.runChecked(ProcessSpec.of(argv).in(project));
        }
        return project;
    }

    private static Distribution sandbox(Path dir, Path npm) throws IOException {
        return new Distribution(dir).withPath(npm + ":" + System.getenv("PATH"));
    }

    private static ScriptedModelServer api(String agent, ModelScript script) throws IOException {
        return switch (agent) {
            case "claude" -> new MessagesApi(script);
            case "gemini" -> new GeminiApi(script);
            case "codex" -> new ResponsesApi(script);
            case "opencode" -> new ChatCompletionsApi(script);
            default -> throw new IllegalArgumentException("no scripted model server for " + agent);
        };
    }

    /** What a user of the CLI already has (as in its IT), pointed at the scripted server. */
    private static void setUp(String agent, Distribution dist, ScriptedModelServer api) throws IOException {
        switch (agent) {
            case "claude" -> UserConfigs.claude(dist, api.baseUrl());
            case "gemini" -> UserConfigs.gemini(dist, api.baseUrl());
            case "codex" -> UserConfigs.codex(dist, api.baseUrl());
            default -> UserConfigs.opencode(dist.home().getParent().resolve("xdg/config"), api.baseUrl());
        }
    }

    private static List<Long> col(List<long[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toList();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
