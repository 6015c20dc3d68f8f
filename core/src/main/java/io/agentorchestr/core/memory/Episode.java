package io.agentorchestr.core.memory;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.List;

/**
 * What a session leaves in memory when it ends: its goal and outcome, each worker's task and
 * summary, the verify results, and what failed and why.
 *
 * @param verify one line per verify command run last ("`mvn verify`: exit 1"), empty when none ran
 */
public record Episode(SessionRecord session, List<WorkerRecord> workers, Boolean verifyPassed, List<String> verify) {
    public Episode {
        workers = List.copyOf(workers);
        verify = List.copyOf(verify);
    }

    String markdown() {
        StringBuilder m = new StringBuilder();
        String day = session.createdAt().toString().substring(0, 10);
        m.append("# ").append(day).append(" session ").append(session.id()).append(" (").append(session.mode())
                .append("): ").append(session.status().label()).append("\n\n");
        m.append("## Goal\n").append(session.goal().strip()).append("\n\n");
        m.append("## Outcome\n").append(session.status().label())
                .append(session.summary() == null ? "" : ": " + session.summary().strip()).append("\n\n");
        if (!workers.isEmpty()) {
            m.append("## Workers\n");
            for (WorkerRecord w : workers) {
                m.append("- ").append(w.id()).append(" (").append(w.agent()).append(", ").append(w.perspective())
                        .append(") ").append(w.state().label()).append(w.mergedCommit() != null ? ", merged" : "")
                        .append(": ").append(firstLine(w.task())).append("\n  ").append(firstLine(w.summary()))
                        .append('\n');
            }
            m.append('\n');
        }
        if (verifyPassed != null) {
            m.append("## Verify\n").append(verifyPassed ? "passed" : "failed").append('\n');
            verify.forEach(v -> m.append("- ").append(v).append('\n'));
            m.append('\n');
        }
        List<String> failures = failures();
        if (!failures.isEmpty()) {
            m.append("## What failed and why\n");
            failures.forEach(f -> m.append("- ").append(f).append('\n'));
            m.append('\n');
        }
        return m.toString();
    }

    private List<String> failures() {
        List<String> out = new java.util.ArrayList<>();
        for (WorkerRecord w : workers) {
            if (w.state().terminal() && !w.state().label().equals("done")) {
                out.add(w.id() + " " + w.state().label() + ": " + firstLine(w.summary()));
            } else if (w.state().label().equals("done") && w.mergedCommit() == null && session.integrationBranch() != null) {
                out.add(w.id() + " finished but was not merged");
            }
        }
        if (Boolean.FALSE.equals(verifyPassed)) {
            verify.stream().filter(v -> !v.endsWith("exit 0")).forEach(v -> out.add("verify: " + v));
        }
        if (session.status().label().equals("failed") && session.summary() != null) {
            out.add("the session: " + firstLine(session.summary()));
        }
        return out;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(none)";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
