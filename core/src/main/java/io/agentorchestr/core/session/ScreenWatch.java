package io.agentorchestr.core.session;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Watches one agent's screen while a manual task runs: when the agent stops at a question (a
 * first-run screen, a permission prompt) the user is told within seconds, with the question, instead
 * of the task sitting silently until its timeout. A question must be on screen for two looks in a row,
 * so a screen that flashes past is not reported.
 */
final class ScreenWatch implements AutoCloseable {
    private static final Duration LOOK = Duration.ofSeconds(1);

    private final Tmux tmux;
    private final PaneRef pane;
    private final ScreenMarkers markers;
    private final Consumer<String> waiting;
    private final Runnable resumed;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param waiting told the question when the agent starts waiting for an answer
     * @param resumed told when it goes on after a reported question
     */
    ScreenWatch(Tmux tmux, PaneRef pane, ScreenMarkers markers, Consumer<String> waiting, Runnable resumed) {
        this.tmux = tmux;
        this.pane = pane;
        this.markers = markers;
        this.waiting = waiting;
        this.resumed = resumed;
        this.thread = new Thread(this::loop, "screen-watch-" + pane.id());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        String seen = null;
        boolean reported = false;
        while (running) {
            try {
                Thread.sleep(LOOK.toMillis());
                String screen = AnsiText.strip(tmux.capturePane(pane, 0));
                String question = markers.classify(screen) == ScreenMarkers.State.WAITING
                        ? TerminalText.firstLine(markers.question(screen).orElse(""), 300) : null;
                if (question != null && question.equals(seen) && !reported) {
                    reported = true;
                    waiting.accept(question);
                } else if (question == null && reported) {
                    reported = false;
                    resumed.run();
                }
                seen = question;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The pane is gone or tmux hiccupped: the completion detector reports what matters.
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
