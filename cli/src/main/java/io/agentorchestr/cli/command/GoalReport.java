package io.agentorchestr.cli.command;

import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.VerifyView;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.model.WorkerView;
import io.agentorchestr.core.goal.VerifyResult;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The final report of a goal: on stdout, as text or JSON. */
final class GoalReport {
    /** Lines of a failed verify command's output in the text report (--json has the whole tail). */
    private static final int OUTPUT_LINES = 15;

    private final PrintWriter out;
    private final boolean json;
    private final String attachHint;

    GoalReport(PrintWriter out, boolean json, String attachHint) {
        this.out = out;
        this.json = json;
        this.attachHint = attachHint;
    }

    /** "tokens: 500 in, 0 cache write, 0 cache read, 100 out (MODEL); USD 0.0050" or why it is unknown. */
    static String usageLine(Map<String, Object> u) {
        if (u == null || !Boolean.TRUE.equals(u.get("known"))) {
            return "tokens: unknown (" + (u == null ? "not measured" : u.get("why")) + ")";
        }
        return "tokens: " + u.get("input_tokens") + " in, " + u.get("cache_write_tokens") + " cache write, "
                + u.get("cache_read_tokens") + " cache read, " + u.get("output_tokens") + " out (" + u.get("model")
                + "); " + (u.get("usd") == null ? "price unknown" : String.format(java.util.Locale.ROOT, "USD %.4f",
                (Double) u.get("usd")));
    }

    void print(GoalOutcome o) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", o.session().id());
            m.put("state", o.end().kind().name().toLowerCase());
            m.put("summary", o.end().summary());
            m.put("integration_branch", o.integrationBranch());
            m.put("integration_worktree", o.integrationWorktree());
            m.put("workers", o.workers().stream()
                    .map(w -> WorkerView.of(w, new WorkerView.Extras(null, null, null, o.usage().get(w.id())),
                            ShownText.AS_WRITTEN)).toList());
            m.put("verify", o.verify().map(VerifyView::of).orElse(null));
            m.put("tmux_session", o.session().tmuxSession());
            m.put("stopped_processes", o.stopped().map(st -> st.total()).orElse(0));
            Json.print(out, m);
            return;
        }
        out.println("state:       " + o.end().kind().name().toLowerCase());
        out.println("summary:     " + TerminalText.safe(o.end().summary()).strip().replace("\n", "\n             "));
        out.println("session:     " + o.session().id());
        out.println("integration: " + o.integrationBranch() + "  (" + integrationHint(o) + ")");
        out.println("workers:     " + o.workers().size());
        for (WorkerRecord w : o.workers()) {
            out.printf("  %-4s %-8s %-12s %-7s %s%s%n", w.id(), w.state().label(), w.perspective(), w.agent(),
                    w.branch(), w.mergedCommit() != null ? " (merged)" : "");
            if (w.summary() != null) {
                out.println("       " + TerminalText.firstLine(w.summary(), 160));
            }
            out.println("       " + usageLine(o.usage().get(w.id())));
        }
        o.stopped().filter(st -> st.total() > 0).ifPresent(st -> out.println("stopped:     agents still running "
                + "at the end: " + st.describe() + "; panes keep their last screens"));
        out.println("verify:      " + TerminalText.safe(o.verify().map(GoalReport::verifyText).orElse("not run")));
        out.println("tmux:        " + attachHint);
        out.flush();
    }

    /** What to do with the integration branch: merge only what a finished goal made. */
    private static String integrationHint(GoalOutcome o) {
        return switch (o.end().kind()) {
            case DONE -> "merge it: git merge " + o.integrationBranch();
            case PAUSED -> "paused, not finished: agentorchestr --resume " + o.session().id() + " continues";
            default -> "holds what was merged before the goal ended; review it before merging";
        };
    }

    /** The verify line, and for a failed command the last lines of its output, indented under it. */
    private static String verifyText(VerifyResult v) {
        String unmerged = v.unmerged().isEmpty() ? "" : "; not merged: " + String.join(", ", v.unmerged());
        if (v.commands().isEmpty()) {
            return VerifyResult.NOT_CONFIGURED + unmerged;
        }
        return v.failure().map(f -> {
            List<String> lines = f.outputTail().lines().toList();
            StringBuilder b = new StringBuilder("FAILED: " + f.outcome() + unmerged);
            lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size())
                    .forEach(l -> b.append("\n             | ").append(l));
            return b.toString();
        }).orElse("passed (" + v.commands().size() + " command(s): " + v.commands().stream()
                .map(c -> c.command()).collect(java.util.stream.Collectors.joining(", ")) + ")" + unmerged);
    }
}
