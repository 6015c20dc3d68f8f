package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageLog;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.text.SecretRedactor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * send_message and read_inbox: typed messages between the lead and the workers, stored append-only
 * in the session's log before anyone is told. Each recipient reads each message once; a control
 * message ({@link MessageType#control()}) from or for an earlier incarnation of an agent is withheld
 * as stale, never delivered to a later one. Waits for mail are futures, as the board's are.
 */
public final class Mailbox {
    /** A body's limit: a message is a note between agents, not a file transfer (diffs have their own tool). */
    public static final int MAX_BODY_CHARS = 16_000;
    public static final String LEAD = "lead";
    public static final String ALL = "all";
    public static final String ROLE = "role:";
    public static final List<String> PRIORITIES = List.of("normal", "high");
    /** How long after a message the same message again is taken for a retry of the first. */
    static final Duration RESEND_WINDOW = Duration.ofMinutes(2);

    private final SessionRecord session;
    private final MessageLog log;
    private final WorkerBoard board;
    private final IntSupplier leadAttempt;
    private final PendingWaits waits;
    private final List<Consumer<MessageRecord>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Mailbox(SessionRecord session, MessageLog log, WorkerBoard board, IntSupplier leadAttempt, WaitTimer timer) {
        this.session = session;
        this.log = log;
        this.board = board;
        this.leadAttempt = leadAttempt;
        this.waits = new PendingWaits(this, timer);
    }

    /** Calls {@code listener} with every message once it is stored (to tell its recipients). */
    void onSent(Consumer<MessageRecord> listener) {
        listeners.add(listener);
    }

    /** What one agent sends; {@code sender} is "lead" or the worker id its token belongs to. */
    public record Draft(String to, String type, String body, String replyTo, String threadId, String priority) {
    }

    /**
     * The outcome of a worker whose role is not merged, sent to the lead in its name as it ends (when
     * it can no longer send itself).
     */
    MessageRecord deliverOutcome(WorkerRecord w, MessageType type, String body) {
        String id = "m-" + newId();
        return store(w.id(), w.attempt(), LEAD, List.of(new MessageRecord.Recipient(LEAD, leadAttempt.getAsInt())),
                type, body, id, "normal", id, null);
    }

    /** Who the engine's own messages (a plan task failed) come from. */
    public static final String ENGINE = "agentorchestr";

    /** A message from the engine to the lead. */
    MessageRecord fromEngine(MessageType type, String body) {
        String id = "m-" + newId();
        return store(ENGINE, 0, LEAD, List.of(new MessageRecord.Recipient(LEAD, leadAttempt.getAsInt())), type,
                body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body, id, "high", id, null);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public MessageRecord send(String sender, Draft d) {
        MessageType type = MessageType.find(d.type()).orElseThrow(() -> new ToolError("unknown type '" + d.type()
                + "'; use one of " + MessageType.labels()));
        if (d.body() == null || d.body().isBlank()) {
            throw new ToolError("body is empty; say what you want the recipient to know");
        }
        if (d.body().length() > MAX_BODY_CHARS) {
            throw new ToolError("body is " + d.body().length() + " characters, the limit is " + MAX_BODY_CHARS
                    + "; send the gist and point to a file in your worktree or branch for the rest");
        }
        String priority = d.priority() == null || d.priority().isBlank() ? "normal" : d.priority().strip();
        if (!PRIORITIES.contains(priority)) {
            throw new ToolError("priority must be one of " + PRIORITIES + ", not '" + priority + "'");
        }
        int senderAttempt = attemptOf(sender);
        List<MessageRecord.Recipient> to = new Recipients(board, leadAttempt).resolve(sender, d.to());
        String id = "m-" + newId();
        String thread = thread(type, d, id);
        Optional<MessageRecord> resent = resent(sender, senderAttempt, d.to().strip(), type, d.body(), priority,
                blankToNull(d.replyTo()));
        return resent.orElseGet(() -> store(sender, senderAttempt, d.to().strip(), to, type, d.body(), thread,
                priority, id, blankToNull(d.replyTo())));
    }

    /**
     * The sender's last message when this one repeats it within {@link #RESEND_WINDOW}: an agent that
     * retries a send whose reply it lost (the server went away as it answered) sent it once, and is
     * given back the first one's id rather than asking its question twice.
     */
    private Optional<MessageRecord> resent(String sender, int attempt, String address, MessageType type, String body,
                                           String priority, String replyTo) {
        return log.lastFrom(session.id(), sender).filter(last -> last.senderAttempt() == attempt
                && last.to().equals(address) && last.type() == type && last.priority().equals(priority)
                && java.util.Objects.equals(last.replyTo(), replyTo)
                && (last.body().equals(body) || last.body().equals(SecretRedactor.redactText(body)))
                && last.createdAt().isAfter(Instant.now().minus(RESEND_WINDOW)));
    }

    private MessageRecord store(String sender, int senderAttempt, String address, List<MessageRecord.Recipient> to,
                                MessageType type, String body, String thread, String priority, String id,
                                String replyTo) {
        MessageRecord stored;
        List<Runnable> woken;
        synchronized (this) {
            try {
                stored = log.append(new MessageRecord(session.id(), 0, id, sender, senderAttempt, address, to, type,
                        body, thread, replyTo, priority, Instant.now()));
            } catch (RuntimeException e) {
                throw new ToolError("the message was not stored, so it was not sent: " + e.getMessage());
            }
            woken = waits.wake();
        }
        woken.forEach(Runnable::run);
        listeners.forEach(l -> l.accept(stored));
        return stored;
    }

    /** The thread a message joins: its reply's, the one named, or a new one of its own. */
    private String thread(MessageType type, Draft d, String id) {
        String replyTo = blankToNull(d.replyTo());
        String named = blankToNull(d.threadId());
        if (replyTo == null) {
            if (type == MessageType.ANSWER) {
                throw new ToolError("an answer must reply to a question: pass reply_to with the question's id "
                        + "(read_inbox shows it)");
            }
            return named == null ? id : named;
        }
        MessageRecord original = log.byId(session.id(), replyTo).orElseThrow(() -> new ToolError("reply_to '"
                + replyTo + "' is no message of this session; read_inbox shows the ids of yours"));
        if (type == MessageType.ANSWER && original.type() != MessageType.QUESTION) {
            throw new ToolError("reply_to " + replyTo + " is a " + original.type().label() + ", not a question; "
                    + "an answer replies to a question (send another type to reply to anything else)");
        }
        if (named != null && !named.equals(original.threadId())) {
            throw new ToolError("thread_id '" + named + "' is not the thread of " + replyTo + " ('"
                    + original.threadId() + "'); leave thread_id out when you reply");
        }
        return original.threadId();
    }

    /**
     * read_inbox: {@code recipient}'s unread messages (only {@code types}, when not empty), marked read
     * as they are returned; waits up to {@code wait} for the first when there is none.
     */
    public CompletableFuture<List<MessageRecord>> read(String recipient, Set<MessageType> types, Duration wait) {
        CompletableFuture<List<MessageRecord>> result = new CompletableFuture<>();
        synchronized (this) {
            List<MessageRecord> now = take(recipient, types);
            if (!now.isEmpty() || wait.isZero()) {
                return CompletableFuture.completedFuture(now);
            }
            waits.register(result, new PendingWaits.Waiter() {
                @Override
                public Runnable check() {
                    List<MessageRecord> got = take(recipient, types);
                    return got.isEmpty() ? null : () -> result.complete(got);
                }

                @Override
                public Runnable expire() {
                    return () -> result.complete(List.of());
                }
            }, wait);
        }
        return result;
    }

    /** Unread messages to deliver now, marked read; stale control messages are marked and withheld. */
    private List<MessageRecord> take(String recipient, Set<MessageType> types) {
        int attempt = attemptOf(recipient);
        List<MessageRecord> deliver = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        for (MessageRecord m : log.unread(session.id(), recipient)) {
            if (!types.isEmpty() && !types.contains(m.type())) {
                continue;
            }
            if (m.type().control() && fromOrForAnotherIncarnation(m, recipient, attempt)) {
                stale.add(m.seq());
            } else {
                deliver.add(m);
            }
        }
        if (!stale.isEmpty()) {
            log.markStale(session.id(), recipient, stale);
        }
        if (!deliver.isEmpty()) {
            log.markRead(session.id(), recipient, deliver.stream().map(MessageRecord::seq).toList(), attempt);
        }
        return deliver;
    }

    private boolean fromOrForAnotherIncarnation(MessageRecord m, String recipient, int attempt) {
        return m.attemptOf(recipient) != attempt || currentAttempt(m.sender()).map(a -> a != m.senderAttempt())
                .orElse(false);
    }

    /** How many messages {@code recipient} has not read. */
    public int unread(String recipient) {
        return log.unread(session.id(), recipient).size();
    }

    /** The session's message log after {@code seq}, oldest first. */
    public List<MessageRecord> after(long seq, int limit) {
        return log.after(session.id(), seq, limit);
    }

    private int attemptOf(String agent) {
        return currentAttempt(agent).orElseThrow(() -> new ToolError("unknown sender '" + agent + "'"));
    }

    private java.util.Optional<Integer> currentAttempt(String agent) {
        if (LEAD.equals(agent)) {
            return java.util.Optional.of(leadAttempt.getAsInt());
        }
        return board.find(agent).map(WorkerRecord::attempt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
