package io.agentorchestr.core.agent;

import io.agentorchestr.core.process.ProcessTable;
import io.agentorchestr.core.tmux.InputBox;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stops what a session still has running when its work is over: each agent is first asked to quit
 * the way a user would (its exit command typed in), then everything that carries the session's id in
 * its environment (agents, and the helpers they started, daemons included) gets SIGTERM and, if
 * still there, SIGKILL. Panes stay, dead, with their last screen (remain-on-exit), and logs stay:
 * the user can still look at what happened. Nobody else's processes are touched.
 */
public final class AgentStopper {
    /** The environment variable every agent of a session is started with. */
    public static final String SESSION_ENV = "AGENTORCHESTR_SESSION_ID";
    /** The variable a worker's agent (and its hooks) is started with, besides the session's. */
    public static final String WORKER_ENV = "AGENTORCHESTR_WORKER_ID";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Tmux tmux;
    private final ProcessTable processes;
    private final Duration askGrace;
    private final Duration termGrace;

    public AgentStopper(Tmux tmux, ProcessTable processes) {
        this(tmux, processes, Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    public AgentStopper(Tmux tmux, ProcessTable processes, Duration askGrace, Duration termGrace) {
        this.tmux = tmux;
        this.processes = processes;
        this.askGrace = askGrace;
        this.termGrace = termGrace;
    }

    /**
     * What stopping did.
     *
     * @param askedToExit panes whose agent quit when its exit command was typed
     * @param terminated  processes of the session that ended on SIGTERM
     * @param killed      processes that needed SIGKILL
     */
    public record Stopped(int askedToExit, int terminated, int killed) {
        public int total() {
            return askedToExit + terminated + killed;
        }

        /** "2 agent(s) quit when asked; 1 process(es) stopped with SIGTERM, 0 with SIGKILL". */
        public String describe() {
            return askedToExit + " agent(s) quit when asked; " + terminated + " process(es) stopped with SIGTERM, "
                    + killed + " with SIGKILL";
        }
    }

    /**
     * @param exitCommands the exit command to type into each pane whose agent has one
     */
    public Stopped stop(String sessionId, String tmuxSession, Map<PaneRef, String> exitCommands) {
        Set<String> asked = askToExit(tmuxSession, exitCommands);
        int exited = asked.isEmpty() ? 0 : awaitExit(tmuxSession, asked);
        return signal(exited, processes.withEnvironment(SESSION_ENV, sessionId));
    }

    /**
     * Stops one worker's agent the same way (asked, then signalled), and only what carries that
     * worker's id as well as the session's: its pane keeps its last screen.
     *
     * @param exitCommand what to type to make its agent quit; null when it has none
     */
    public Stopped stopWorker(String sessionId, String tmuxSession, PaneRef pane, String exitCommand, String workerId) {
        Set<String> asked = askToExit(tmuxSession, exitCommand == null ? Map.of() : Map.of(pane, exitCommand));
        int exited = asked.isEmpty() ? 0 : awaitExit(tmuxSession, asked);
        List<Long> left = new java.util.ArrayList<>(processes.withEnvironment(SESSION_ENV, sessionId));
        left.retainAll(processes.withEnvironment(WORKER_ENV, workerId));
        return signal(exited, left);
    }

    private Stopped signal(int exited, List<Long> left) {
        left.forEach(processes::terminate);
        List<Long> survivors = awaitGone(left);
        survivors.forEach(processes::kill);
        return new Stopped(exited, left.size() - survivors.size(), survivors.size());
    }

    private Set<String> askToExit(String tmuxSession, Map<PaneRef, String> exitCommands) {
        if (exitCommands.isEmpty() || !tmux.hasSession(tmuxSession)) {
            return Set.of();
        }
        Set<String> live = tmux.listPanes(tmuxSession).stream().filter(p -> !p.dead())
                .map(p -> p.pane().id()).collect(Collectors.toSet());
        Set<String> asked = new java.util.HashSet<>();
        exitCommands.forEach((pane, command) -> {
            if (live.contains(pane.id()) && command != null && !command.isBlank()) {
                try {
                    InputBox.submit(tmux, pane, command);
                    asked.add(pane.id());
                } catch (RuntimeException e) {
                    // the pane went meanwhile; the signals below cover whatever is left
                }
            }
        });
        return asked;
    }

    /** How many of the asked panes died within the grace period. */
    private int awaitExit(String tmuxSession, Set<String> asked) {
        long deadline = System.nanoTime() + askGrace.toNanos();
        int dead = 0;
        while (true) {
            if (!tmux.hasSession(tmuxSession)) {
                return asked.size();
            }
            List<PaneStatus> panes = tmux.listPanes(tmuxSession);
            dead = (int) panes.stream().filter(p -> asked.contains(p.pane().id()) && p.dead()).count()
                    + (int) asked.stream().filter(id -> panes.stream().noneMatch(p -> p.pane().id().equals(id))).count();
            if (dead >= asked.size() || System.nanoTime() > deadline) {
                return dead;
            }
            sleep();
        }
    }

    private List<Long> awaitGone(List<Long> pids) {
        long deadline = System.nanoTime() + termGrace.toNanos();
        List<Long> alive = pids;
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            alive = alive.stream().filter(processes::alive).toList();
        }
        return alive;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
