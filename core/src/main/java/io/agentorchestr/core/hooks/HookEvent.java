package io.agentorchestr.core.hooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The nine moments a project's hooks can act on, under the names users know from the original's
 * {@code hooks.json}. A hook of a {@code pre_*} event runs before the action and can refuse it.
 */
public enum HookEvent {
    PRE_SESSION("a session (goal or manual task) is about to start"),
    POST_SESSION("a session ended (done, failed or timed out; a pause is on_pause)"),
    PRE_TASK("a worker is about to start"),
    POST_TASK("a worker finished (done, blocked, failed, killed, ...)"),
    PRE_EVAL("verify is about to run the verify commands on the merged result"),
    POST_EVAL("verify ran"),
    ON_FAILURE("a worker or the session failed"),
    ON_PAUSE("the session paused (Ctrl-C, SIGTERM, or its tmux server went away)"),
    ON_RESUME("a paused or crashed session was picked up with --resume");

    private final String when;

    HookEvent(String when) {
        this.when = when;
    }

    /** The name in hooks.json, in the event JSON and in AGENTORCHESTR_HOOK_EVENT. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** When it fires, for documentation and the scaffolded hooks.json. */
    public String when() {
        return when;
    }

    /** Whether a hook's non-zero exit refuses the action. */
    public boolean vetoes() {
        return name().startsWith("PRE_");
    }

    public static Optional<HookEvent> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
    }
}
