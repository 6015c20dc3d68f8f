package io.agentorchestr.cli.command;

import io.agentorchestr.cli.Json;
import io.agentorchestr.core.goal.GoalOutcome;
import io.agentorchestr.core.goal.VerifyResult;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.worker.WorkerRecord;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The final report of a goal: on stdout, as text or JSON. */
final class GoalReport {
    private final PrintWriter out;
    private final boolean json;
    private final String attachHint;

    GoalReport(PrintWriter out, boolean json, String attachHint) {
        this.out = out;
        this.json = json;
        this.attachHint = attachHint;
    }

    void print(GoalOutcome o) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", o.session().id());
            m.put("state", o.end().kind().name().toLowerCase());
            m.put("summary", o.end().summary());
            m.put("integration_branch", o.integrationBranch());
            m.put("integration_worktree", o.integrationWorktree());
            m.put("workers", o.workers().stream().map(w -> {
                Map<String, Object> wm = new LinkedHashMap<>(WorkerJson.of(w));
                wm.put("merged_commit", w.mergedCommit());
                return wm;
            }).toList());
            m.put("verify", o.verify().map(GoalReport::verifyJson).orElse(null));
            m.put("tmux_session", o.session().tmuxSession());
            m.put("stopped_processes", o.stopped().map(st -> st.total()).orElse(0));
            Json.print(out, m);
            return;
        }
        out.println("state:       " + o.end().kind().name().toLowerCase());
        out.println("summary:     " + TerminalText.safe(o.end().summary()).strip().replace("\n", "\n             "));
        out.println("session:     " + o.session().id());
        out.println("integration: " + o.integrationBranch() + "  (merge it: git merge " + o.integrationBranch() + ")");
        out.println("workers:     " + o.workers().size());
        for (WorkerRecord w : o.workers()) {
            out.printf("  %-4s %-8s %-12s %-7s %s%s%n", w.id(), w.state().label(), w.perspective(), w.agent(),
                    w.branch(), w.mergedCommit() != null ? " (merged)" : "");
            if (w.summary() != null) {
                out.println("       " + TerminalText.firstLine(w.summary(), 160));
            }
        }
        o.stopped().filter(st -> st.total() > 0).ifPresent(st -> out.println("stopped:     agents still running "
                + "at the end: " + st.describe() + "; panes keep their last screens"));
        out.println("verify:      " + TerminalText.safe(o.verify().map(GoalReport::verifyLine).orElse("not run")));
        out.println("tmux:        " + attachHint);
        out.flush();
    }

    private static String verifyLine(VerifyResult v) {
        if (v.commands().isEmpty()) {
            return "nothing to run: no verify commands configured ([verify] commands in .agentorchestr/config.toml"
                    + " or '## How to verify' in .agentorchestr/PROJECT.md)"
                    + (v.unmerged().isEmpty() ? "" : "; not merged: " + String.join(", ", v.unmerged()));
        }
        return (v.passed() ? "passed" : "FAILED") + " (" + v.commands().size() + " command(s)"
                + (v.unmerged().isEmpty() ? "" : "; not merged: " + String.join(", ", v.unmerged())) + ")";
    }

    private static Map<String, Object> verifyJson(VerifyResult v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", v.passed());
        m.put("commands", v.commands().stream().map(c -> Map.of("command", c.command(), "exit_code", c.exitCode()))
                .toList());
        m.put("not_merged", v.unmerged());
        m.put("note", v.note());
        return m;
    }
}
