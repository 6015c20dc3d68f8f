package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.model.StateStore;

import java.util.Map;

/**
 * A pre_session hook's veto, in goal and manual mode: the session, recorded a moment ago, ends as
 * failed with the hook's reason (so --list-sessions and the event log say what happened), nothing
 * else of it is created, and the run stops with an error naming the hook. A start given up on a
 * signal ends the same way, as interrupted.
 */
public final class SessionRefusal {
    private SessionRefusal() {
    }

    /** @param lock released when the session is refused (null when the caller holds none) */
    public static void refuseIfVetoed(StateStore store, SessionRecord session, SessionContext context,
                                      Map<String, ?> fields, AutoCloseable lock) {
        var vetoed = context.check(HookEvent.PRE_SESSION, fields);
        stopIfInterrupted(store, session, context, "during the pre_session hook");
        vetoed.ifPresent(veto -> {
            refuse(store, session, context, veto.reason(), lock);
            throw AgentorchestrException.error(veto.reason() + "; session " + session.id() + " did not start (change "
                    + "the hook in " + veto.hook().source() + " if it should)");
        });
    }

    /**
     * A signal gave the start up (it interrupts the thread starting the session, which stops a hook
     * that thread waits for): the session ends interrupted, and nothing more of it starts.
     */
    public static void stopIfInterrupted(StateStore store, SessionRecord session, SessionContext context,
                                         String during) {
        if (!Thread.interrupted()) {
            return;
        }
        String reason = "interrupted " + during + ", before its agent started";
        store.updateSession(session.ended(SessionStatus.INTERRUPTED, reason));
        store.append(session.id(), new SessionEvent.SessionEnded(SessionStatus.INTERRUPTED.label(), reason));
        context.close();
        throw new AgentorchestrException(ExitCode.INTERRUPTED, reason + "; session " + session.id() + " ended");
    }

    /** Ends the session as failed for {@code reason} before anything of it ran. */
    public static void refuse(StateStore store, SessionRecord session, SessionContext context, String reason,
                              AutoCloseable lock) {
        store.updateSession(session.ended(SessionStatus.FAILED, reason));
        store.append(session.id(), new SessionEvent.SessionEnded(SessionStatus.FAILED.label(), reason));
        context.close();
        if (lock != null) {
            try {
                lock.close();
            } catch (Exception e) {
                // The lock file goes with the process anyway; the refusal is what the user must see.
            }
        }
    }
}
