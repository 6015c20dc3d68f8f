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

    /** One verify command: its exit code and, when it failed, the tail of its output. */
    public record CommandRun(String command, int exitCode, long millis, boolean timedOut, String outputTail) {
    }
}
