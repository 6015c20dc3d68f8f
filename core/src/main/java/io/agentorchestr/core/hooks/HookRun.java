package io.agentorchestr.core.hooks;

/**
 * One run of one hook command: how it ended, and whether it refused its action.
 *
 * @param worker the worker the event is about, or null
 * @param stderr the end of what it wrote to stderr (the reason of a veto)
 */
public record HookRun(HookCommand hook, String worker, int exitCode, boolean timedOut, long durationMs,
                      String stderr, boolean vetoed) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Why the action was refused, in words for the lead or the user. */
    public String reason() {
        String why = timedOut ? "it timed out" : "it exited with " + exitCode;
        return "the " + hook.event().key() + " hook `" + hook.command() + "` (" + hook.source() + ") refused: "
                + (stderr.isBlank() ? why : stderr.strip() + " (" + why + ")");
    }
}
