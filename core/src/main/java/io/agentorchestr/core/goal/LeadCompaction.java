package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.InputBox;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lead CLI's own compaction, driven from outside: once the lead is at its prompt (not in a tool
 * call, its prompt marker on a settled screen) its compaction command is typed (the profile's
 * {@code compact_command}, {@code {instructions}} replaced by one line); once it is back at its prompt,
 * the session brief is pasted as its next message, so the plan outlives the compaction. Never typed into
 * a busy lead. One thread; each step is an event ({@code lead_compaction}).
 */
final class LeadCompaction implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(300);
    /** What a compaction is given before its lead is looked at again: the command must have begun. */
    static final Duration MIN_COMPACTING = Duration.ofSeconds(2);
    /** A lead not at its prompt this long (before or after the command) is left alone, and the event says so. */
    static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final int MAX_INSTRUCTION_CHARS = 400;

    private enum Step { NONE, WAITING_FOR_PROMPT, COMPACTING }

    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final LeadScreen screen;
    private final LeadActivity activity;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lead-compaction");
        t.setDaemon(true);
        return t;
    });
    private volatile String command;
    private Step step = Step.NONE;
    private String instructions;
    private String brief;
    private Instant since;
    private final java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();

    LeadCompaction(SessionRecord session, StateStore store, Tmux tmux, LeadScreen screen, LeadActivity activity,
                   Clock clock) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.screen = screen;
        this.activity = activity;
        this.clock = clock;
    }

    /** The lead's compaction command ({@code compact_command} of its profile), or null when its CLI has none. */
    void commandIs(String template) {
        this.command = template == null || template.isBlank() ? null : template.strip();
    }

    Optional<String> command() {
        return Optional.ofNullable(command).map(c -> c.replace("{instructions}", "").strip());
    }

    /**
     * Types the compaction command with {@code instructions} when the lead is next at its prompt, then
     * gives it {@code briefMessage}. A compaction asked for again before it is done keeps its place and
     * takes the newer brief. Returns false when the lead's CLI has no compaction command.
     */
    synchronized boolean request(String instructions, String briefMessage) {
        if (command == null) {
            return false;
        }
        this.brief = briefMessage;
        if (step == Step.NONE) {
            this.instructions = instructions;
            step = Step.WAITING_FOR_PROMPT;
            since = clock.instant();
            schedule();
        }
        return true;
    }

    private void schedule() {
        try {
            thread.schedule(this::look, POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            step = Step.NONE;
        }
    }

    /** How often the lead was looked at: a test waits for looks, not for time, to see that nothing was typed. */
    int looks() {
        return looks.get();
    }

    private synchronized void look() {
        looks.incrementAndGet();
        try {
            Instant now = clock.instant();
            if (Duration.between(since, now).compareTo(GIVE_UP) > 0) {
                event("gave_up", "the lead was not back at its prompt within " + GIVE_UP.toMinutes() + " min "
                        + (step == Step.WAITING_FOR_PROMPT ? "to type the command" : "after the command"));
                step = Step.NONE;
                return;
            }
            boolean compacting = step == Step.COMPACTING;
            Optional<PaneRef> pane = activity.calling() ? Optional.empty() : screen.atPrompt();
            if (pane.isPresent() && (!compacting || Duration.between(since, now).compareTo(MIN_COMPACTING) >= 0)) {
                if (compacting) {
                    InputBox.submit(tmux, pane.get(), brief);
                    event("brief_given", brief.length() + " characters pasted as the lead's next message");
                    step = Step.NONE;
                    return;
                }
                String typed = typed();
                InputBox.submit(tmux, pane.get(), typed);
                event("command_typed", typed);
                step = Step.COMPACTING;
                since = clock.instant();
            }
            schedule();
        } catch (RuntimeException e) {
            event("failed", e.getMessage());
            step = Step.NONE;
        }
    }

    /** The command with the instructions on one line: a slash command takes its argument up to the line's end. */
    private String typed() {
        String line = instructions.replaceAll("\\s+", " ").strip();
        if (line.length() > MAX_INSTRUCTION_CHARS) {
            line = line.substring(0, MAX_INSTRUCTION_CHARS - 3) + "...";
        }
        return command.contains("{instructions}") ? command.replace("{instructions}", line).strip() : command;
    }

    private void event(String what, String detail) {
        store.append(session.id(), new SessionEvent.LeadCompaction(what, detail));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
