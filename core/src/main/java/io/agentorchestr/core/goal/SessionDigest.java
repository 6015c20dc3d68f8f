package io.agentorchestr.core.goal;

import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;

/**
 * Where a session stands, for a lead that takes over without its earlier conversation: the latest
 * brief compact_session made (the plan and decisions as the lead left them), then workers with their
 * states and summaries now, what is merged, the last verify result. Built from the store alone.
 */
public final class SessionDigest {
    private SessionDigest() {
    }

    public static String of(SessionRecord session, List<WorkerRecord> workers, List<EventRecord> events,
                            String reason) {
        StringBuilder d = new StringBuilder();
        d.append("agentorchestr started you again: ").append(reason.strip()).append(".\n")
                .append("Session ").append(session.id()).append(", integration branch `")
                .append(session.integrationBranch()).append("`. Worker ids continue from the highest below; "
                        + "call list_workers for the live state.\n\n");
        latestBrief(events).ifPresent(b -> d.append("The latest session brief (made with compact_session; the "
                + "workers' states below are newer):\n\n").append(b.strip()).append("\n\n"));
        if (workers.isEmpty()) {
            d.append("No workers were spawned yet.\n");
        }
        for (WorkerRecord w : workers) {
            d.append("- ").append(w.id()).append(" (").append(w.perspective()).append(", ").append(w.agent())
                    .append(", attempt ").append(w.attempt()).append("): ").append(w.state().label())
                    .append(w.mergedCommit() != null ? ", merged" : "")
                    .append(" - task: ").append(TerminalText.shortLine(w.task()));
            if (w.summary() != null && !w.summary().isBlank()) {
                d.append(" - summary: ").append(TerminalText.shortLine(w.summary()));
            }
            d.append('\n');
        }
        events.stream().filter(e -> e.kind().equals("verify_ran")).reduce((a, b) -> b)
                .ifPresent(e -> d.append("\nLast verify: ").append(e.data()).append('\n'));
        d.append("\nRunning workers keep running; finished ones not merged yet can be merged with merge_worker. "
                + "Continue the goal from here: do not spawn workers again for work that is done or running.\n");
        return d.toString();
    }

    private static java.util.Optional<String> latestBrief(List<EventRecord> events) {
        return events.stream().filter(e -> e.kind().equals("brief_made")).reduce((a, b) -> b)
                .map(e -> e.json().path("text").asText("")).filter(t -> !t.isBlank());
    }
}
