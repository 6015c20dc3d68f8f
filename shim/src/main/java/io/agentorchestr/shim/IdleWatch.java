package io.agentorchestr.shim;

import io.agentorchestr.core.agent.ScreenMarkers;

/**
 * Whether the agent is back at its prompt: for an agent we know, its idle marker at the bottom of a
 * screen that has stopped changing; for any other command (or a screen no marker explains), output
 * that has been quiet for a while. A question on the screen ends the wait too: someone must answer.
 */
final class IdleWatch {
    /** The prompt is drawn: a moment without output shows it is not mid-redraw. */
    private static final long SETTLE_MS = 500;
    /** Without a marker to go by, this long without output counts as idle. */
    private static final long QUIET_MS = 2000;
    private static final long POLL_MS = 200;

    record Result(boolean idle, String state, long waitedMs) {
    }

    private final PrivateTmux tmux;
    private final PaneLog log;
    private final ScreenMarkers markers;

    IdleWatch(PrivateTmux tmux, PaneLog log, ScreenMarkers markers) {
        this.tmux = tmux;
        this.log = log;
        this.markers = markers;
    }

    Result await(long timeoutMs) {
        long start = System.nanoTime();
        long size = log.size();
        long changed = start;
        while (true) {
            long now = System.nanoTime();
            long waited = (now - start) / 1_000_000;
            if (!tmux.agentRunning()) {
                return new Result(false, "exited", waited);
            }
            long s = log.size();
            if (s != size) {
                size = s;
                changed = now;
            }
            long quietMs = (now - changed) / 1_000_000;
            String state = state(quietMs);
            if (state.equals("idle") || state.equals("quiet")) {
                return new Result(true, state, waited);
            }
            if (state.equals("waiting") || waited >= timeoutMs) {
                return new Result(false, state, waited);
            }
            sleep(Math.min(POLL_MS, Math.max(1, timeoutMs - waited)));
        }
    }

    private String state(long quietMs) {
        ScreenMarkers.State s = markers == null ? ScreenMarkers.State.UNKNOWN
                : markers.classify(tmux.tmux().capturePane(tmux.pane(), 0), quietMs >= QUIET_MS);
        return switch (s) {
            case IDLE -> quietMs >= SETTLE_MS ? "idle" : "busy";
            case WAITING -> "waiting";
            case BUSY -> "busy";
            case UNKNOWN -> quietMs >= QUIET_MS ? "quiet" : "busy";
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL_ERROR, "the shim is stopping");
        }
    }
}
