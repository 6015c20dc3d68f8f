package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Who a message's address reaches, each in its incarnation now: a worker id, {@code lead},
 * {@code all} (everyone else still running) or {@code role:NAME} (running workers of that
 * perspective). Only agents that can still read are addressed: an ended worker is refused by name.
 */
final class Recipients {
    private final WorkerBoard board;
    private final IntSupplier leadAttempt;

    Recipients(WorkerBoard board, IntSupplier leadAttempt) {
        this.board = board;
        this.leadAttempt = leadAttempt;
    }

    List<MessageRecord.Recipient> resolve(String sender, String address) {
        if (!Mailbox.LEAD.equals(sender)) {
            WorkerRecord from = board.get(sender);
            if (from.state().terminal()) {
                throw new ToolError(sender + " has finished (" + from.state().label() + "); it sends no more messages");
            }
        }
        String to = address == null ? "" : address.strip();
        if (to.isEmpty()) {
            throw new ToolError("to is empty; address a worker id, lead, all or role:NAME");
        }
        if (to.equals(sender)) {
            throw new ToolError("to is yourself (" + sender + "); address another agent");
        }
        if (to.equals(Mailbox.LEAD)) {
            return List.of(new MessageRecord.Recipient(Mailbox.LEAD, leadAttempt.getAsInt()));
        }
        if (to.equals(Mailbox.ALL) || to.startsWith(Mailbox.ROLE)) {
            return group(sender, to);
        }
        WorkerRecord w = board.get(to);
        if (w.state().terminal()) {
            throw new ToolError(to + " has ended (" + w.state().label() + "); messages reach running agents only"
                    + running(sender));
        }
        return List.of(new MessageRecord.Recipient(w.id(), w.attempt()));
    }

    private List<MessageRecord.Recipient> group(String sender, String to) {
        String role = to.startsWith(Mailbox.ROLE) ? to.substring(Mailbox.ROLE.length()).strip() : null;
        List<MessageRecord.Recipient> out = new ArrayList<>();
        if (role == null && !Mailbox.LEAD.equals(sender)) {
            out.add(new MessageRecord.Recipient(Mailbox.LEAD, leadAttempt.getAsInt()));
        }
        for (WorkerRecord w : board.all()) {
            if (!w.state().terminal() && !w.id().equals(sender) && (role == null || role.equals(w.perspective()))) {
                out.add(new MessageRecord.Recipient(w.id(), w.attempt()));
            }
        }
        if (out.isEmpty()) {
            throw new ToolError((role == null ? "nobody else is running" : "no running worker has the role '" + role
                    + "'") + running(sender));
        }
        return out;
    }

    /** "; running: w01 (implementer), w03 (tester)" for a refusal. */
    private String running(String sender) {
        List<String> running = board.all().stream().filter(w -> !w.state().terminal() && !w.id().equals(sender))
                .map(w -> w.id() + " (" + w.perspective() + ")").toList();
        return running.isEmpty() ? "; no worker is running" : "; running: " + String.join(", ", running);
    }
}
