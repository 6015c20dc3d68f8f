package io.agentorchestr.core.health;

import io.agentorchestr.core.model.RecoveryStep;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the activity of a session's running workers on one thread: pane-log growth is activity;
 * once a log has been quiet for {@link #SETTLE}, the screen is read once to tell {@code waiting}
 * (an input marker) and {@code idle} (the agent's prompt) from a silent {@code running}. Quiet for
 * the policy's {@code hungAfter} while neither waiting nor idle is {@code hung}, and the recovery
 * steps follow, one per further {@code hungAfter} of quiet. Idle without a completion signal gets one
 * reminder, then the lead is told. Costs one file stat per worker and tick, and one screen capture
 * per quiet period.
 */
public final class HealthMonitor implements AutoCloseable {
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** Output right after we typed into a pane is the terminal echoing it. */
    static final Duration ECHO_GRACE = Duration.ofMillis(1500);

    private final Tmux tmux;
    private final HealthPolicy policy;
    private final HealthActions actions;
    private final Map<String, WorkerHealth> workers = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public HealthMonitor(Tmux tmux, HealthPolicy policy, HealthActions actions) {
        this.tmux = tmux;
        this.policy = policy;
        this.actions = actions;
        this.thread = new Thread(this::loop, "health-monitor");
        this.thread.setDaemon(true);
    }

    public HealthPolicy policy() {
        return policy;
    }

    public void start() {
        thread.start();
    }

    /** Ticks often enough to see a hang within 1.25x the threshold, at most once a second. */
    Duration tick() {
        long quarter = policy.hungAfter().toMillis() / 4;
        return Duration.ofMillis(Math.max(100, Math.min(1000, quarter)));
    }

    public synchronized void track(String id, PaneRef pane, Path log, ScreenMarkers markers, int restarts) {
        workers.put(id, new WorkerHealth(id, pane, log, markers, size(log), Instant.now(), restarts));
    }

    public synchronized void untrack(String id) {
        workers.remove(id);
    }

    /** Text was typed into the worker's pane: what the terminal echoes now is not the agent's output. */
    public synchronized void typedInto(String id) {
        WorkerHealth h = workers.get(id);
        if (h != null) {
            h.echoUntil = Instant.now().plus(ECHO_GRACE);
        }
    }

    /** What to do when a worker's agent exited: restart it if we interrupted it while recovering a hang. */
    public enum ExitVerdict { NOT_RECOVERING, RESTART, GIVE_UP }

    public synchronized ExitVerdict onExit(String id) {
        WorkerHealth h = workers.get(id);
        if (h == null || !h.interrupted) {
            return ExitVerdict.NOT_RECOVERING;
        }
        boolean restartLeft = policy.onHung().subList(Math.min(h.step, policy.onHung().size()),
                policy.onHung().size()).contains(RecoveryStep.RESTART) && h.restarts < policy.maxRestarts();
        if (restartLeft) {
            h.restarts++;
            return ExitVerdict.RESTART;
        }
        return ExitVerdict.GIVE_UP;
    }

    public synchronized int restarts(String id) {
        WorkerHealth h = workers.get(id);
        return h == null ? 0 : h.restarts;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(tick().toMillis());
                checkAll();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One bad look (a pane gone mid-check) must not end health monitoring for the session.
            }
        }
    }

    void checkAll() {
        Map<String, Runnable> due = new LinkedHashMap<>();
        synchronized (this) {
            Instant now = Instant.now();
            for (WorkerHealth h : workers.values()) {
                try {
                    check(h, now).ifPresent(action -> due.put(h.id, action));
                } catch (RuntimeException e) {
                    // one pane that cannot be read (gone mid-check) must not stop the others' checks
                }
            }
        }
        // Actions run outside the lock: they type into panes and restart agents, which take a while.
        // One that fails fails its worker, with the reason, and the others still run.
        due.forEach((id, action) -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                actions.actionFailed(id, "health check", e);
            }
        });
    }

    private Optional<Runnable> check(WorkerHealth h, Instant now) {
        long size = size(h.log);
        if (size > h.size) {
            h.size = size;
            if (now.isAfter(h.echoUntil)) {
                h.lastOutput = now;
                h.classified = false;
                h.reported = false;
                if (h.shown != WorkerState.RUNNING || h.step > 0) {
                    h.shown = WorkerState.RUNNING;
                    h.step = 0;
                    h.interrupted = false;
                    return Optional.of(() -> actions.activityChanged(h.id, WorkerState.RUNNING, "printing again",
                            size));
                }
            }
            return Optional.empty();
        }
        long quiet = h.quietMillis(now);
        if (h.shown != WorkerState.HUNG && !h.classified && quiet >= SETTLE.toMillis()) {
            h.classified = true;
            Look look = classify(h);
            WorkerState seen = look.state();
            if (seen != h.shown) {
                h.shown = seen;
                return Optional.of(() -> {
                    actions.activityChanged(h.id, seen, seen == WorkerState.WAITING ? "its screen asks: "
                            + look.question() : seen == WorkerState.IDLE ? "back at its prompt" : "working", size);
                    if (seen == WorkerState.WAITING) {
                        actions.needsAttention(h.id, "it waits for input (its screen asks: " + look.question()
                                + "): answer with send_to_worker");
                    }
                });
            }
        }
        if (h.shown == WorkerState.IDLE) {
            return idle(h, now, quiet);
        }
        if ((h.shown == WorkerState.RUNNING || h.shown == WorkerState.HUNG) && quiet >= policy.hungAfter().toMillis()) {
            return Optional.of(hung(h, now, size));
        }
        return Optional.empty();
    }

    /** What the screen shows, and the question it asks when it waits for an answer. */
    private record Look(WorkerState state, String question) {
    }

    private Look classify(WorkerHealth h) {
        String screen = AnsiText.strip(tmux.capturePane(h.pane, 0));
        // Looked at only once the screen has not changed for SETTLE: settled.
        return switch (h.markers.classify(screen, true)) {
            case WAITING -> new Look(WorkerState.WAITING, TerminalText.firstLine(
                    h.markers.question(screen).orElse(""), 300));
            case IDLE -> new Look(WorkerState.IDLE, null);
            default -> new Look(WorkerState.RUNNING, null);
        };
    }

    private Optional<Runnable> idle(WorkerHealth h, Instant now, long quiet) {
        if (quiet < policy.idleAfter().toMillis()) {
            return Optional.empty();
        }
        if (!h.reminded) {
            h.reminded = true;
            h.stepAt = now;
            h.echoUntil = now.plus(ECHO_GRACE);
            return Optional.of(() -> actions.nudge(h.id, REMINDER));
        }
        if (!h.reported) {
            h.reported = true;
            return Optional.of(() -> actions.needsAttention(h.id, "it is idle at its prompt without reporting an "
                    + "outcome, even after a reminder of the completion protocol"));
        }
        return Optional.empty();
    }

    private Runnable hung(WorkerHealth h, Instant now, long size) {
        String quietFor = policy.hungAfter().toSeconds() + " s";
        boolean first = h.shown != WorkerState.HUNG;
        h.shown = WorkerState.HUNG;
        h.stepAt = now;
        h.echoUntil = now.plus(ECHO_GRACE);
        List<RecoveryStep> steps = policy.onHung();
        while (h.step < steps.size() && steps.get(h.step) == RecoveryStep.RESTART && h.restarts >= policy.maxRestarts()) {
            h.step++;
        }
        Runnable mark = first ? () -> actions.activityChanged(h.id, WorkerState.HUNG, "no output for " + quietFor,
                size) : () -> { };
        if (h.step >= steps.size()) {
            String tried = steps.isEmpty() ? "no recovery configured" : "tried " + String.join(", ",
                    steps.stream().map(RecoveryStep::label).toList()) + " (" + h.restarts + " restart(s))";
            workers.remove(h.id);
            return () -> {
                mark.run();
                actions.giveUp(h.id, "hung: no output for " + quietFor + "; " + tried);
            };
        }
        RecoveryStep step = steps.get(h.step++);
        return () -> {
            mark.run();
            switch (step) {
                case NUDGE -> actions.nudge(h.id, NUDGE);
                case INTERRUPT -> {
                    synchronized (this) {
                        h.interrupted = true;
                    }
                    actions.interrupt(h.id);
                }
                case RESTART -> {
                    synchronized (this) {
                        h.restarts++;
                    }
                    actions.restart(h.id, "it printed nothing for " + quietFor + " and did not react to "
                            + "the earlier recovery steps");
                }
            }
        };
    }

    private static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    // No "WORKER_...:" marker in what we type: the terminal echoes it into the pane log, where it would
    // read as the worker's own completion line.
    static final String NUDGE = "[agentorchestr] You have printed nothing for a while. If you are stuck, report "
            + "it as blocked the way your instructions say (done.flag and the WORKER_BLOCKED line), or carry on "
            + "with your task.";
    static final String REMINDER = "[agentorchestr] You are back at your prompt but have not reported an outcome. "
            + "If the task is finished, write .agentorchestr/done.flag and print the WORKER_DONE line as your "
            + "instructions say; otherwise continue the task.";

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
