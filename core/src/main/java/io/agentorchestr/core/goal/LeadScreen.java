package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lead's screen, for what is typed into the lead (notices of mail, compaction): whether it is at
 * its prompt now, which is its prompt marker on a screen that has not changed for {@link #SETTLE}
 * (an agent that declares no prompt marker: a screen that has not changed and asks nothing). Safe to
 * ask from several threads: settling is measured by time, not by who looked last.
 */
final class LeadScreen {
    static final Duration SETTLE = Duration.ofMillis(400);

    private final Tmux tmux;
    private final Clock clock;
    private volatile PaneRef pane;
    private volatile ScreenMarkers markers;
    private String last;
    private Instant changed = Instant.EPOCH;

    LeadScreen(Tmux tmux, Clock clock) {
        this.tmux = tmux;
        this.clock = clock;
    }

    void at(PaneRef pane, ScreenMarkers markers) {
        this.pane = pane;
        this.markers = markers;
    }

    void moved(PaneRef pane) {
        this.pane = pane;
    }

    /** What the screen shows now, without colours; empty when the lead has no pane yet. */
    synchronized Optional<String> look() {
        PaneRef p = pane;
        if (p == null) {
            return Optional.empty();
        }
        String screen = AnsiText.strip(tmux.capturePane(p, 0));
        if (!screen.equals(last)) {
            last = screen;
            changed = clock.instant();
        }
        return Optional.of(screen);
    }

    /** The lead's pane when it is at its prompt now, else empty. */
    Optional<PaneRef> atPrompt() {
        ScreenMarkers m = markers;
        Optional<String> screen = look();
        if (m == null || screen.isEmpty()) {
            return Optional.empty();
        }
        boolean settled;
        synchronized (this) {
            settled = Duration.between(changed, clock.instant()).compareTo(SETTLE) >= 0;
        }
        ScreenMarkers.State state = m.classify(screen.get(), true);
        boolean prompt = m.idle().isEmpty() ? state != ScreenMarkers.State.WAITING : state == ScreenMarkers.State.IDLE;
        return settled && prompt ? Optional.ofNullable(pane) : Optional.empty();
    }
}
