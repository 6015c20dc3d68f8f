package io.agentorchestr.core.doctor;

import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.PromptMode;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.ProcessTable;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code --doctor --live}: starts each installed agent the way a worker starts (its launch, permission
 * and first-run settings) in a new git repository, in a private tmux server, and checks that it reaches
 * its input prompt with no blocking screen in bounded time, then quits it. No prompt is sent, so no
 * model is called. An agent update that brings a new first-run screen or changes the prompt shows up
 * here in seconds.
 */
public final class LiveCheck {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SETTLED = Duration.ofMillis(1500);

    /**
     * One agent's result.
     *
     * @param command what was started (argv)
     * @param screen  the last screen seen (ANSI stripped), to show what it reached or what blocked it
     * @param took    how long it took to reach its prompt (or to fail)
     */
    public record Result(String agent, String version, boolean ok, String detail, List<String> command, String screen,
                         Duration took) {
    }

    private final ProcessRunner runner;
    private final Function<Path, Tmux> tmuxAt;
    private final FirstRunDialogs dialogs;
    private final ProcessTable processes;
    private final Duration limit;

    /**
     * @param tmuxAt    a tmux adapter on a private server whose socket is the given path
     * @param processes to stop whatever the agent started, by the check's own session id
     * @param limit     how long an agent may take to reach its prompt
     */
    public LiveCheck(ProcessRunner runner, Function<Path, Tmux> tmuxAt, FirstRunDialogs dialogs,
                     ProcessTable processes, Duration limit) {
        this.runner = runner;
        this.tmuxAt = tmuxAt;
        this.dialogs = dialogs;
        this.processes = processes;
        this.limit = limit;
    }

    /** The agents a live check starts: every installed one, the bundled demo included. */
    public static List<DetectedAgent> candidates(List<DetectedAgent> agents) {
        return agents.stream().filter(DetectedAgent::installed).toList();
    }

    /**
     * Starts one agent and watches it to its prompt. An agent that takes its task from a file (the demo)
     * is given a small one, since it needs a task to start.
     */
    public Result check(DetectedAgent agent) {
        long start = System.nanoTime();
        Path dir = null;
        Tmux tmux = null;
        Path repo = null;
        PaneRef pane = null;
        String checkId = "live-" + UUID.randomUUID();
        List<String> argv = List.of(agent.binary().toString());
        try {
            dir = Files.createTempDirectory("agentorchestr-live-");
            repo = Files.createDirectory(dir.resolve("repo"));
            gitInit(repo);
            tmux = tmuxAt.apply(dir.resolve("tmux.sock"));
            List<String> trust = dialogs.preAccept(agent.profile(), repo, List.of(repo));
            List<String> extra = new ArrayList<>(trust);
            if (agent.profile().promptMode(false) == PromptMode.FILE) {
                Path prompt = Files.writeString(dir.resolve("prompt.md"), "# agentorchestr worker w01\n\n"
                        + "## Your task\nSay hello (agentorchestr --doctor --live)\n");
                extra.addAll(List.of(agent.profile().promptFlag(), prompt.toString()));
            }
            argv = AgentLauncher.interactive(agent.profile(), agent.binary(), extra);
            Map<String, String> env = new LinkedHashMap<>(agent.profile().launchEnv());
            env.put(AgentStopper.SESSION_ENV, checkId);
            pane = tmux.newSession("live", "live", new NewPane(GatedCommand.wrap(argv), repo, env));
            // Held at the gate until its pane is kept after exit: an agent that quits at once still
            // leaves its last screen and exit status to report.
            tmux.setWindowOption(pane.id(), "remain-on-exit", "on");
            GatedCommand.release(tmux, pane);
            return watch(agent, argv, tmux, pane, start);
        } catch (IOException | RuntimeException e) {
            return new Result(agent.profile().key(), agent.version(), false, "could not start it: " + e.getMessage(),
                    argv, "", Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (tmux != null) {
                stop(agent, tmux, pane, checkId);
            }
            if (repo != null) {
                dialogs.forget(agent.profile(), List.of(repo));
            }
            deleteTree(dir);
        }
    }

    private Result watch(DetectedAgent agent, List<String> argv, Tmux tmux, PaneRef pane, long start) {
        ScreenMarkers markers = agent.profile().markers();
        long deadline = start + limit.toNanos();
        String last = "";
        long sameSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Optional<PaneStatus> status = tmux.paneStatus(pane);
            if (status.isEmpty() || status.get().dead()) {
                return result(agent, argv, false, "it exited" + status.map(s -> s.deadStatus() == null ? ""
                        : " with status " + s.deadStatus()).orElse("") + " before reaching its prompt", last, start);
            }
            String screen = AnsiText.strip(tmux.capturePane(pane, 0));
            if (!screen.equals(last)) {
                last = screen;
                sameSince = System.nanoTime();
            }
            boolean settled = System.nanoTime() - sameSince >= SETTLED.toNanos();
            ScreenMarkers.State state = markers.classify(screen, settled);
            if (state == ScreenMarkers.State.WAITING) {
                return result(agent, argv, false, "a screen blocks it: " + markers.question(screen).orElse(""), screen,
                        start);
            }
            if (state == ScreenMarkers.State.IDLE && settled) {
                return result(agent, argv, true, "reached its prompt", screen, start);
            }
            sleep(POLL);
        }
        return result(agent, argv, false, "no input prompt within " + limit.toSeconds() + " s (its idle markers "
                + markers.idle() + " never showed at the bottom of the screen)", last, start);
    }

    private static Result result(DetectedAgent agent, List<String> argv, boolean ok, String detail, String screen,
                                 long start) {
        return new Result(agent.profile().key(), agent.version(), ok, detail, argv, screen,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Asks the agent to quit the way a finished worker is asked, stops what it started (found by the
     * check's session id, helpers in their own process groups included), then ends the tmux server.
     */
    private void stop(DetectedAgent agent, Tmux tmux, PaneRef pane, String checkId) {
        try {
            String exit = agent.profile().exitCommand();
            new AgentStopper(tmux, processes).stop(checkId, "live", pane == null || exit == null ? Map.of()
                    : Map.of(pane, exit));
        } finally {
            tmux.killServer();
        }
    }

    private void gitInit(Path repo) {
        for (List<String> args : List.of(List.of("git", "init", "-q"), List.of("git", "-c", "user.name=agentorchestr",
                "-c", "user.email=doctor@agentorchestr.invalid", "commit", "-q", "--allow-empty", "-m", "doctor"))) {
            ExecResult r = runner.run(ProcessSpec.of(args).in(repo).withTimeout(Duration.ofSeconds(20)));
            if (!r.ok()) {
                throw new IllegalStateException("`" + String.join(" ", args) + "` failed: " + r.stderrTail(2));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the live check's temporary directory " + dir, e);
        }
    }

    /** Results as doctor checks: one per agent, named "live NAME". */
    public static List<CheckResult> asChecks(List<Result> results) {
        List<CheckResult> checks = new ArrayList<>();
        for (Result r : results) {
            String name = "live " + r.agent();
            String what = (r.version().isEmpty() ? "" : r.version() + ": ") + r.detail() + " ("
                    + String.format("%.1f s", r.took().toMillis() / 1000.0) + ")";
            checks.add(r.ok() ? CheckResult.pass(name, what) : CheckResult.fail(name, what, "run `"
                    + r.agent() + "` once in a terminal and answer its first-run screens, or update its markers in "
                    + "agents.toml (see docs/agents.md)"));
        }
        return checks;
    }
}
