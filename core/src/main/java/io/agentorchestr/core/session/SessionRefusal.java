package io.agentorchestr.core.session;

import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.store.StateStore;

import java.util.Map;

/**
 * A pre_session hook's veto, in goal and manual mode: the session, recorded a moment ago, ends as
 * failed with the hook's reason (so --list-sessions and the event log say what happened), nothing
 * else of it is created, and the run stops with an error naming the hook.
 */
public final class SessionRefusal {
    private SessionRefusal() {
    }

    /** @param lock released when the session is refused (null when the caller holds none) */
    public static void refuseIfVetoed(StateStore store, SessionRecord session, SessionContext context,
                                      Map<String, ?> fields, AutoCloseable lock) {
        context.check(HookEvent.PRE_SESSION, fields).ifPresent(veto -> {
            refuse(store, session, context, veto.reason(), lock);
            throw AgentorchestrException.error(veto.reason() + "; session " + session.id() + " did not start (change "
                    + "the hook in " + veto.hook().source() + " if it should)");
        });
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
