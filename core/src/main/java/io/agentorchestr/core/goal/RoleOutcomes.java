package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker whose role is not merged (a reviewer, a researcher) delivers its work as a message: once it
 * has finished done, its summary goes to the lead as the role's message type, from the worker, once.
 */
final class RoleOutcomes {
    private final Perspectives perspectives;
    private final Mailbox mailbox;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    RoleOutcomes(Perspectives perspectives, Mailbox mailbox) {
        this.perspectives = perspectives;
        this.mailbox = mailbox;
    }

    void workerChanged(WorkerRecord w) {
        Perspective role = perspectives.of(w.perspective());
        if (role.merged() || w.state() != WorkerState.DONE || !sent.add(w.id())) {
            return;
        }
        String body = (w.summary() == null || w.summary().isBlank() ? "(no summary)" : w.summary())
                + "\n\n(" + w.id() + " is a " + role.label() + "; its branch " + w.branch() + " keeps what it committed)";
        mailbox.deliverOutcome(w, role.produces(), body.length() > Mailbox.MAX_BODY_CHARS
                ? body.substring(0, Mailbox.MAX_BODY_CHARS) : body);
    }
}
