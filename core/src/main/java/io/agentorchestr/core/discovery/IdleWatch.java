package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.ScreenMarkers;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether an agent is back at its prompt: for an agent we know, its idle marker at the bottom of a
 * screen that has stopped changing; for any other command (or a screen no marker explains), output
 * that has been quiet for a while. A question on the screen ends the wait too: someone must answer.
 */
public final class IdleWatch {
    /** The prompt is drawn: a moment without output shows it is not mid-redraw. */
    private static final long SETTLE_MS = 500;
    /** Without a marker to go by, this long without output counts as idle. */
    private static final long QUIET_MS = 2000;
    private static final long POLL_MS = 200;

    /** What is watched: whether it runs, a number that changes with every output, and its screen. */
    public interface Target {
        boolean running();

        long activity();

        String screen();

        Optional<Integer> exitStatus();
    }

    private final Target target;
    private final ScreenMarkers markers;

    /** {@code markers} may be null: an agent we know nothing about. */
    public IdleWatch(Target target, ScreenMarkers markers) {
        this.target = target;
        this.markers = markers;
    }

    /** Waits until idle, waiting, exited, or {@code timeoutMs}; an interrupt ends it as "interrupted". */
    public AgentDriver.Idle await(long timeoutMs) {
        long start = System.nanoTime();
        long activity = target.activity();
        long changed = start;
        while (true) {
            long now = System.nanoTime();
            long waited = (now - start) / 1_000_000;
            if (!target.running()) {
                return new AgentDriver.Idle(false, "exited", waited, target.exitStatus().orElse(null));
            }
            long a = target.activity();
            if (a != activity) {
                activity = a;
                changed = now;
            }
            String state = state((now - changed) / 1_000_000);
            if (state.equals("idle") || state.equals("quiet")) {
                return new AgentDriver.Idle(true, state, waited, null);
            }
            if (state.equals("waiting") || waited >= timeoutMs) {
                return new AgentDriver.Idle(false, state, waited, null);
            }
            try {
                Thread.sleep(Math.min(POLL_MS, Math.max(1, timeoutMs - waited)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AgentDriver.Idle(false, "interrupted", waited, null);
            }
        }
    }

    private String state(long quietMs) {
        ScreenMarkers.State s = markers == null ? ScreenMarkers.State.UNKNOWN
                : markers.classify(target.screen(), quietMs >= QUIET_MS);
        return switch (s) {
            case IDLE -> quietMs >= SETTLE_MS ? "idle" : "busy";
            case WAITING -> "waiting";
            case BUSY -> "busy";
            case UNKNOWN -> quietMs >= QUIET_MS ? "quiet" : "busy";
        };
    }
}
