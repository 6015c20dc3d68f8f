package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;

import java.util.function.Consumer;

/**
 * What the lead and the workers say to each other and to the user: messages typed into a worker's
 * agent, a worker's question to the lead (a message in its inbox), progress lines. Each is recorded in the session's
 * log; a worker that has finished is heard no more.
 */
public final class TeamChannel {
    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final WorkerBoard board;
    private final WorkerCare care;
    private final Mailbox mailbox;
    private final PromptDelivery delivery;
    private final WorkerOutput output = new WorkerOutput();
    private final Consumer<String> progress;

    TeamChannel(SessionRecord session, StateStore store, Tmux tmux, WorkerBoard board, WorkerCare care,
                Mailbox mailbox, Consumer<String> progress) {
        this.mailbox = mailbox;
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.board = board;
        this.care = care;
        this.delivery = new PromptDelivery(tmux);
        this.progress = progress;
    }

    /** send_to_worker: typed into the worker's agent as a user would, Enter after it. */
    public void send(String id, String message) {
        send(Mailbox.LEAD, id, message);
    }

    /** Typed into the worker's agent in {@code from}'s name (the lead, or agentorchestr itself). */
    void send(String from, String id, String message) {
        WorkerRecord w = board.get(id);
        if (message == null || message.isBlank()) {
            throw new ToolError("message is empty");
        }
        PaneRef pane = new PaneRef(w.paneId());
        if (tmux.paneStatus(pane).map(p -> p.dead()).orElse(true)) {
            throw new ToolError(id + "'s agent is no longer running (it is " + w.state().label()
                    + "); spawn a new worker to continue its work");
        }
        care.typedInto(id, message);
        delivery.deliver(pane, message);
        store.append(session.id(), new SessionEvent.MessageSent(from, id, message));
    }

    /** read_worker_output: the last lines the worker's agent printed, escapes removed. */
    public String outputOf(String id, int tailLines) {
        return output.tail(java.nio.file.Path.of(board.get(id).logPath()), tailLines);
    }

    /** read_worker_output after clear_tool_results: only what it printed since the mark. */
    public String outputSince(String id, int tailLines, AbsorbedResults.Mark mark) {
        String since = output.tail(java.nio.file.Path.of(board.get(id).logPath()), tailLines, mark.outputBytes());
        return since.isEmpty() ? "(" + id + ": cleared, nothing printed since; full = true shows the tail)"
                : "(" + id + ": cleared; printed since:)\n" + since;
    }

    /** ask_lead: a question message to the lead, which is told of it as of any other. */
    public String askLead(String workerId, String question) {
        requireRunning(workerId);
        MessageRecord m = mailbox.send(workerId, new Mailbox.Draft(Mailbox.LEAD, MessageType.QUESTION.label(),
                question, null, null, null));
        return "your question reached the lead as message " + m.id() + "; its answer comes to your inbox: call "
                + "read_inbox (with wait_s to wait for it), or it may arrive typed into your input";
    }

    /** The lead's report_progress: a line for the user. */
    public void leadProgress(String message) {
        store.append(session.id(), new SessionEvent.ProgressReported("lead", message));
        progress.accept("lead: " + TerminalText.shortLine(message));
    }

    /** A worker's report_progress: a line for the user, and its last word in list_workers. */
    public void workerProgress(String workerId, String message) {
        requireRunning(workerId);
        store.append(session.id(), new SessionEvent.ProgressReported(workerId, message));
        board.progress(workerId, message);
        progress.accept(workerId + ": " + TerminalText.shortLine(message));
    }

    /** A worker's own call: refused once it has finished (its token is revoked then too). */
    void requireRunning(String workerId) {
        WorkerRecord w = board.get(workerId);
        if (w.state().terminal()) {
            throw new ToolError(workerId + " has finished (" + w.state().label() + "); nothing it sends reaches the "
                    + "lead any more");
        }
    }
}
