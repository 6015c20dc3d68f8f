package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageLog;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.InputBox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells agents that do not poll their inbox that mail is waiting: one short line typed into the
 * agent once it is back at its prompt (a worker the health monitor sees idle; the lead whose screen
 * shows its prompt and has stopped changing), never into a busy agent, never twice for the same
 * messages (the log records which were told), and at most once per {@link #MIN_GAP} per agent however
 * many arrive. One thread, which does all the typing; senders never wait for it.
 */
final class NoticeDesk implements AutoCloseable {
    /** At most one notice per agent this often: a busy exchange must not flood an agent's input. */
    static final Duration MIN_GAP = Duration.ofSeconds(10);
    /** How often the lead's screen is looked at while it has mail it was not told about. */
    static final Duration LEAD_POLL = Duration.ofMillis(500);
    private static final int PREVIEW_CHARS = 160;

    private final SessionRecord session;
    private final MessageLog log;
    private final StateStore store;
    private final Tmux tmux;
    private final WorkerBoard board;
    private final WorkerCare care;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notices");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Instant> lastNotice = new ConcurrentHashMap<>();
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private volatile Duration minGap = MIN_GAP;
    private final LeadScreen lead;

    NoticeDesk(SessionRecord session, StateStore store, Tmux tmux, WorkerBoard board, WorkerCare care,
               LeadScreen lead) {
        this.session = session;
        this.lead = lead;
        this.log = store.messages();
        this.store = store;
        this.tmux = tmux;
        this.board = board;
        this.care = care;
    }

    /** Tests shorten the gap between two notices to one agent, to see what the gap would hide. */
    void minGap(Duration gap) {
        this.minGap = gap;
    }

    /** {@code recipient} may have mail it was not told about: looked at on the notice thread. */
    void consider(String recipient) {
        later(recipient, Duration.ZERO);
    }

    /** A worker back at its prompt is told of the mail that came while it was busy. */
    void workerChanged(WorkerRecord w) {
        if (w.state() == WorkerState.IDLE) {
            consider(w.id());
        }
    }

    private void later(String recipient, Duration delay) {
        if (!scheduled.add(recipient)) {
            return;
        }
        try {
            thread.schedule(() -> {
                scheduled.remove(recipient);
                check(recipient);
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            scheduled.remove(recipient);
        }
    }

    private void check(String recipient) {
        try {
            List<MessageRecord> news = log.unnoticed(session.id(), recipient);
            if (news.isEmpty()) {
                return;
            }
            Optional<PaneRef> idle = idlePane(recipient);
            if (idle.isEmpty()) {
                if (Mailbox.LEAD.equals(recipient)) {
                    later(recipient, LEAD_POLL);
                }
                return;  // a worker is looked at again when it is back at its prompt
            }
            Instant last = lastNotice.get(recipient);
            Duration gap = minGap;
            Duration since = last == null ? gap : Duration.between(last, Instant.now());
            if (since.compareTo(gap) < 0) {
                later(recipient, gap.minus(since));
                return;
            }
            tell(recipient, idle.get(), news);
        } catch (RuntimeException e) {
            // A notice is a courtesy: the messages stay unread in the log, and read_inbox still has them.
            store.append(session.id(), new SessionEvent.HealthAction(recipient, "notice_failed", e.getMessage()));
        }
    }

    private void tell(String recipient, PaneRef pane, List<MessageRecord> news) {
        String text = text(news);
        if (!Mailbox.LEAD.equals(recipient)) {
            care.typedInto(recipient, text);
        }
        // Enter follows the paste after InputBox's pause, scheduled rather than slept: a notice to one
        // agent must not hold up the next agent's by that pause.
        tmux.pasteText(pane, text);
        thread.schedule(() -> enter(recipient, pane), InputBox.PASTE_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        lastNotice.put(recipient, Instant.now());
        log.markNoticed(session.id(), recipient, news.stream().map(MessageRecord::seq).toList());

        store.append(session.id(), new SessionEvent.MessageSent("agentorchestr", recipient, text));
    }

    private void enter(String recipient, PaneRef pane) {
        try {
            tmux.sendKeys(pane, "Enter");
        } catch (RuntimeException e) {
            store.append(session.id(), new SessionEvent.HealthAction(recipient, "notice_failed", e.getMessage()));
        }
    }

    /** The recipient's pane when it is at its prompt now, else empty. */
    private Optional<PaneRef> idlePane(String recipient) {
        if (Mailbox.LEAD.equals(recipient)) {
            return lead.atPrompt();
        }
        return board.find(recipient).filter(w -> w.state() == WorkerState.IDLE && w.paneId() != null)
                .map(w -> new PaneRef(w.paneId()));
    }

    /** One line: who sent what, and what to do. */
    static String text(List<MessageRecord> news) {
        if (news.size() == 1) {
            MessageRecord m = news.get(0);
            return "[agentorchestr] new message " + m.id() + ": " + m.type().label() + " from " + m.sender()
                    + ("high".equals(m.priority()) ? " (high priority)" : "") + ": \""
                    + TerminalText.firstLine(m.body(), PREVIEW_CHARS) + "\". Call read_inbox to read it"
                    + (m.type() == io.agentorchestr.core.model.MessageType.QUESTION
                    ? ", then answer with send_message(type=answer, reply_to=" + m.id() + ")." : ".");
        }
        List<String> parts = news.stream().map(m -> m.type().label() + " from " + m.sender()
                + ("high".equals(m.priority()) ? " (high priority)" : "")).distinct().toList();
        return "[agentorchestr] " + news.size() + " new messages (" + String.join(", ", parts)
                + "). Call read_inbox to read them.";
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
