package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;

import java.util.Optional;

/**
 * Whether a stored session can be resumed, and why not when it cannot: shown by --list-sessions and
 * checked by --resume.
 *
 * @param resumable  it can be resumed now
 * @param reason     why (not), for people
 */
public record Resumability(boolean resumable, String reason) {

    /**
     * @param hasRuntime the store holds its resume data (sessions from before that data existed do not)
     * @param driven     some process holds its lock right now
     */
    public static Resumability of(SessionRecord s, boolean hasRuntime, boolean driven) {
        if (!"auto".equals(s.mode())) {
            return no("a manual session; run the task again with --manual --task");
        }
        if (s.status().finished()) {
            return no("it ended (" + s.status().label() + "); its work is on branch " + s.integrationBranch());
        }
        if (!hasRuntime) {
            return no("it was started by an older agentorchestr that did not store resume data");
        }
        if (driven) {
            return no("it is running (pid " + s.ownerPid() + ")");
        }
        if (s.status() == SessionStatus.PAUSED) {
            return new Resumability(true, "paused");
        }
        return new Resumability(true, "its orchestrator stopped without ending it (crash, kill or reboot)");
    }

    private static Resumability no(String reason) {
        return new Resumability(false, reason);
    }

    public Optional<String> reasonNot() {
        return resumable ? Optional.empty() : Optional.of(reason);
    }
}
