package io.agentorchestr.core.goal;

import java.util.List;

/**
 * What {@code verify} found on the merged result.
 *
 * @param merged     workers merged as part of this verify
 * @param unmerged   workers that could not be merged (with the reason), left out of the check
 * @param note       how the commands were found, or why there were none
 */
public record VerifyResult(boolean passed, List<CommandRun> commands, List<String> merged, List<String> unmerged,
                           String note) {
    public VerifyResult {
        commands = List.copyOf(commands);
        merged = List.copyOf(merged);
        unmerged = List.copyOf(unmerged);
    }

    /** Something was run and it all passed: with no verify command, nothing was verified. */
    public boolean verified() {
        return passed && !commands.isEmpty();
    }

    /** The command that failed, if one did (verify stops at the first). */
    public java.util.Optional<CommandRun> failure() {
        return commands.stream().filter(c -> !c.ok()).findFirst();
    }

    /** What to tell a user whose goal has no verify command. */
    public static final String NOT_CONFIGURED = "no verify command configured: not verified; add one with "
            + "agentorchestr --init (detected from your build files) or [verify] commands = [...] in "
            + ".agentorchestr/config.toml";

    /** One verify command: its exit code and, when it failed, the tail of its output. */
    public record CommandRun(String command, int exitCode, long millis, boolean timedOut, String outputTail) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** {@code `mvn test` exited 1 after 8.1 s}, or timed out. */
        public String outcome() {
            return "`" + command + "` " + (timedOut ? "timed out" : "exited " + exitCode) + " after "
                    + String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
    }
}
