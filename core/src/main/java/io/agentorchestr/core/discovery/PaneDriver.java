package io.agentorchestr.core.discovery;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.ProcessFailedException;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Drives an agent in a pane of the user's own tmux with what tmux offers: a paste to type, and
 * capture-pane to read. Nothing is added to the user's pane (no pipe-pane): the cursor of a read
 * counts lines of the pane's scrollback and screen. When lines have scrolled out of the history
 * limit, or the screen was cleared, a read starts again from what is there and says so.
 */
public final class PaneDriver implements AgentDriver {
    /** All of the scrollback tmux keeps (it stops at the pane's history-limit). */
    private static final int ALL_HISTORY = 1_000_000;

    private final Tmux tmux;
    private final PaneRef pane;
    private final ScreenMarkers markers;

    public PaneDriver(Tmux tmux, PaneRef pane, ScreenMarkers markers) {
        this.tmux = tmux;
        this.pane = pane;
        this.markers = markers;
    }

    @Override
    public Sent send(String text, boolean submit) {
        requireAlive();
        tmux.pasteText(pane, text);
        if (submit) {
            tmux.sendKeys(pane, "Enter");
        }
        return new Sent(text.length(), submit);
    }

    @Override
    public Chunk read(long cursor, int maxBytes) {
        List<String> lines = lines();
        String note = null;
        long from = cursor;
        if (cursor > lines.size()) {
            note = "the pane's history moved on (its history-limit was reached, or it was cleared): this is "
                    + "all it holds now";
            from = 0;
        }
        StringBuilder text = new StringBuilder();
        long bytes = 0;
        long next = from;
        for (long i = from; i < lines.size(); i++) {
            String line = lines.get((int) i) + "\n";
            int size = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 0 && bytes + size > maxBytes) {
                break;  // whole lines only; a first line longer than max_bytes still comes whole
            }
            text.append(line);
            bytes += size;
            next = i + 1;
        }
        return new Chunk(text.toString(), next, next < lines.size(), note);
    }

    @Override
    public Idle waitIdle(Duration timeout) {
        return new IdleWatch(new IdleWatch.Target() {
            @Override
            public boolean running() {
                return tmux.paneStatus(pane).map(s -> !s.dead()).orElse(false);
            }

            @Override
            public long activity() {
                return screen().hashCode();
            }

            @Override
            public String screen() {
                // The pane may close between two looks; the next running() says so.
                return capture(0).orElse("");
            }

            @Override
            public Optional<Integer> exitStatus() {
                return tmux.paneStatus(pane).map(PaneStatus::deadStatus);
            }
        }, markers).await(timeout.toMillis());
    }

    private Optional<String> capture(int history) {
        try {
            return Optional.of(tmux.capturePane(pane, history));
        } catch (ProcessFailedException e) {
            return Optional.empty();
        }
    }

    /** Scrollback and screen, without the blank lines below the last one written. */
    private List<String> lines() {
        List<String> lines = capture(ALL_HISTORY).orElseThrow(this::gone).lines().toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }

    private void requireAlive() {
        if (!tmux.paneStatus(pane).map(s -> !s.dead()).orElse(false)) {
            throw gone();
        }
    }

    private AgentorchestrException gone() {
        return AgentorchestrException.usage("the pane " + pane.id() + " is gone or its agent has exited; "
                + "discover again");
    }
}
