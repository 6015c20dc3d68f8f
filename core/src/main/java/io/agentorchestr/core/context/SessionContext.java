package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.hooks.HookRun;
import io.agentorchestr.core.hooks.Hooks;

import java.util.Map;
import java.util.Optional;

/**
 * What a session takes from its project's {@code .agentorchestr/} and the user's global files: the
 * preamble of every prompt, and the hooks. One per session, made once it has an id.
 */
public record SessionContext(Preamble preamble, Hooks hooks) implements AutoCloseable {
    public static final SessionContext NONE = new SessionContext(Preamble.NONE, Hooks.none());

    /** Runs a {@code pre_*} event's hooks; the run that refused the action, if one did. */
    public Optional<HookRun> check(HookEvent event, Map<String, ?> fields) {
        return hooks.check(event, fields);
    }

    /** Runs the hooks of an event that refuses nothing, in the background. */
    public void fire(HookEvent event, Map<String, ?> fields) {
        hooks.fire(event, fields);
    }

    /** Waits for the hooks still running. */
    @Override
    public void close() {
        hooks.close();
    }
}
