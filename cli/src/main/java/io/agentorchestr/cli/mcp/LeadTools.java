package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.SpawnRequest;
import io.agentorchestr.core.goal.AbsorbedResults;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.worker.Perspective;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lead's tools (SPEC §7). Descriptions are written for the agent that reads them. */
final class LeadTools {
    /** The argument that shows a cleared worker's results in full again. */
    private static final Param FULL = Param.opt("full", "boolean", "Everything, even for a worker whose results "
            + "you cleared (clear_tool_results). Default false.");

    private static final int DEFAULT_WAIT_S = 600;
    private static final int MAX_WAIT_S = 3600;

    private LeadTools() {
    }

    static List<ToolEntry> all(Supervisor s) {
        return List.of(
                ToolEntry.lead("spawn_worker", "Start a worker: a coding agent in its own tmux pane and git worktree, on a "
                                + "fresh branch from the session's base. Returns its worker_id at once; the worker runs "
                                + "in parallel. Use wait_for_any/wait_for_worker to learn when it finishes. Calling it "
                                + "again starts another attempt unless you pass the same request_id.",
                        List.of(Param.req("task", "string", "What to do, precise and self-contained: the worker "
                                        + "sees only this, its perspective and the fields below."),
                                Param.opt("perspective", "string", "Role: " + Perspective.labels()
                                        + ", or one the project declares (list_perspectives). Default implementer. "
                                        + "Reviewer, verifier and researcher work is not merged: it comes to your inbox "
                                        + "as a message.").maxChars(64),
                                Param.opt("file_scope", "string[]", "Files or directories the worker should stay "
                                        + "within.").maxChars(4096),
                                Param.opt("pass_criteria", "string", "How its work will be judged done.").maxChars(20_000),
                                Param.opt("extra_context", "string", "Background the worker needs (decisions, "
                                        + "interfaces, findings of other workers)."),
                                Param.opt("agent_hint", "string", "Agent CLI to use (see list_workers / the "
                                        + "session's agents). Default: the first available. An agent that failed "
                                        + "several times in a row is paused for a while (circuit breaker); then "
                                        + "another agent is used and the result's note says so.").maxChars(64),
                                Param.opt("depends_on", "string[]", "Worker ids whose merged work this worker "
                                        + "builds on; they must be merged first. It then starts from the "
                                        + "integration branch.").maxChars(64),
                                Param.opt("request_id", "string", "Idempotency key: a repeated call with the same "
                                        + "request_id and task returns the first worker instead of starting another; "
                                        + "the same request_id with another task is refused.").maxChars(200),
                                Param.opt("skills", "string[]", "Installed skills (see your prompt's Skills list) to "
                                        + "give this worker even if they do not match its task: [\"jwt\"]; "
                                        + "[\"-jwt\"] leaves a matching one out.").maxChars(80)),
                        (a, caller) -> Views.worker(s.spawner().spawn(new SpawnRequest(a.string("task"), a.optString("perspective"),
                                a.optStrings("file_scope"), a.optString("pass_criteria"), a.optString("extra_context"),
                                a.optString("agent_hint"), a.optStrings("depends_on"), a.optString("request_id"),
                                a.optStrings("skills"))), s)),
                ToolEntry.lead("read_worker_output", "The last lines a worker's agent printed in its pane (terminal escapes "
                                + "removed). Use it to see what a worker is doing or why it is stuck. For a worker "
                                + "whose results you cleared: its summary and only what it printed since.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01."),
                                Param.opt("tail_lines", "integer", "How many lines (default 60, at most 500).").range(1, 500),
                                FULL),
                        (a, caller) -> {
                            String id = a.string("worker_id");
                            var mark = a.optBool("full", false) ? java.util.Optional.<AbsorbedResults.Mark>empty()
                                    : s.desk().absorbed().of(id);
                            return mark.isPresent() ? s.team().outputSince(id, a.optInt("tail_lines", 60), mark.get())
                                    : s.team().outputOf(id, a.optInt("tail_lines", 60));
                        }),
                ToolEntry.lead("send_to_worker", "Type a message into a worker's agent and press Enter, as a user would: "
                                + "answers to its questions, corrections, follow-up instructions.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01."),
                                Param.req("message", "string", "The text to send (multi-line is fine).")),
                        (a, caller) -> {
                            s.team().send(a.string("worker_id"), a.string("message"));
                            return "delivered to " + a.string("worker_id");
                        }),
                ToolEntry.lead("wait_for_worker", "Block until the worker finishes (done, blocked, failed, killed, timeout, "
                                + "orphaned) or timeout_s passes; returns its state either way.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01."),
                                Param.opt("timeout_s", "integer", "Seconds to wait (default 600, at most 3600).")
                                        .range(0, MAX_WAIT_S)),
                        (a, caller) -> s.board().awaitTerminal(a.string("worker_id"), wait(a)).thenApply(w -> Views.worker(w, s))),
                ToolEntry.lead("wait_for_any", "Block until at least one worker finishes that no earlier wait_for_any "
                                + "returned, or a running worker needs you (it waits for input, or idles without "
                                + "reporting), or a message reached your inbox, and return those: 'finished', "
                                + "'needs_attention' (with the reason) and 'new_messages' (a count: call read_inbox). "
                                + "Returns empty lists on timeout, or at once when none of the watched workers is "
                                + "still running. Hung workers are recovered automatically (nudge, Ctrl-C, restart) "
                                + "and end as failed if that does not help.",
                        List.of(Param.opt("worker_ids", "string[]", "Workers to watch (default: all).").maxChars(64),
                                Param.opt("timeout_s", "integer", "Seconds to wait (default 600, at most 3600).")
                                        .range(0, MAX_WAIT_S)),
                        (a, caller) -> s.board().awaitAny(a.optStrings("worker_ids"), wait(a)).thenApply(wake -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("finished", Views.workers(wake.finished(), s));
                            r.put("needs_attention", wake.attention().stream().map(at -> {
                                Map<String, Object> w = Views.worker(at.worker(), s);
                                w.put("reason", at.reason());
                                return w;
                            }).toList());
                            r.put("still_running", s.board().all().stream().filter(w -> !w.state().terminal())
                                    .map(w -> w.id()).toList());
                            r.put("new_messages", wake.newMessages());
                            return r;
                        })),
                ToolEntry.lead("list_workers", "Every worker of this session with its state (running, waiting = asks for "
                                + "input, idle = at its prompt without reporting, hung = silent and being recovered, "
                                + "or how it finished), attempt, branch, summary, whether it is merged, and its last "
                                + "progress report; a worker whose results you cleared in one line.", List.of(FULL),
                        (a, caller) -> Views.workers(s.board().all(), s, a.optBool("full", false))),
                ToolEntry.lead("clear_tool_results", "Say you have absorbed these workers' results (their output, diff "
                                + "and details): from now on read_worker_output, get_worker_diff and list_workers give "
                                + "each of them in one line (its summary) plus only what is new since, so your context "
                                + "is not filled again with what you already know. full = true on those tools shows "
                                + "everything again.",
                        List.of(Param.opt("workers", "string[]", "The workers, e.g. [\"w01\", \"w02\"]. Default: every "
                                + "worker that has ended.").maxChars(64)),
                        (a, caller) -> java.util.Map.of("cleared", s.desk().absorbed().clear(a.optStrings("workers")))),
                ToolEntry.lead("kill_worker", "Stop a worker's agent. Its uncommitted work is first committed to its branch "
                                + "(nothing is lost); the worker ends as killed and is not merged.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01.")),
                        (a, caller) -> Views.worker(s.endings().kill(a.string("worker_id")), s)),
                ToolEntry.lead("get_worker_diff", "What a worker changed on its branch relative to the session's base: a "
                                + "stat summary and the patch (long diffs are cut). For a worker whose results you "
                                + "cleared: only what its branch gained since.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01."), FULL),
                        (a, caller) -> s.desk().diff(a.string("worker_id"), a.optBool("full", false))),
                ToolEntry.lead("merge_worker", "Merge a finished (done) worker's branch into the integration branch with a "
                                + "merge commit. A conflict is reported with the conflicting files and the "
                                + "integration branch is left unchanged; nothing is forced.",
                        List.of(Param.worker("worker_id", "The worker, e.g. w01.")),
                        (a, caller) -> Views.merge(s.desk().merge(a.string("worker_id")))),
                ToolEntry.lead("verify", "Merge every done worker not merged yet, then run the project's verify commands "
                                + "(build, tests, linters) on the merged integration branch. Returns each command's "
                                + "exit code and the tail of failures. Runs afresh on every call.",
                        List.of(Param.opt("success_criteria", "string", "What success means for this goal; echoed "
                                + "back for you to judge against the merged result.").maxChars(20_000)),
                        (a, caller) -> Views.verify(s.desk().verify(a.optString("success_criteria")))),
                ToolEntry.lead("cross_review", "Spawn a reviewer worker that compares two workers' changes (conflicts, "
                                + "duplication, bugs) and reports numbered findings. Returns the reviewer's worker_id.",
                        List.of(Param.worker("worker_a", "First worker id."),
                                Param.worker("worker_b", "Second worker id."),
                                Param.opt("focus", "string", "What to look at in particular.").maxChars(10_000)),
                        (a, caller) -> Views.worker(s.spawner().crossReview(a.string("worker_a"), a.string("worker_b"),
                                a.optString("focus")), s)),
                ToolEntry.lead("report_progress", "Tell the user how the goal is going (shown on their terminal and kept in "
                                + "the session log).",
                        List.of(Param.req("message", "string", "One or two sentences.").maxChars(20_000)),
                        (a, caller) -> {
                            s.team().leadProgress(a.string("message"));
                            return "noted";
                        }),
                ToolEntry.lead("mark_goal_done", "End the session successfully: call it when verify passes and the goal is "
                                + "met. agentorchestr then writes the final report; the integration branch holds the "
                                + "merged work.",
                        List.of(Param.req("summary", "string", "What was achieved, for the user.").maxChars(20_000)),
                        (a, caller) -> s.verdict().mark(true, a.string("summary"))),
                ToolEntry.lead("mark_goal_failed", "End the session as failed when the goal cannot be met.",
                        List.of(Param.req("reason", "string", "Why, and what the user could do next.").maxChars(20_000)),
                        (a, caller) -> s.verdict().mark(false, a.string("reason"))),
                ToolEntry.lead("list_perspectives", "The worker perspectives (roles) spawn_worker accepts, built in and "
                                + "the project's: what each does, which worker tools it may call (all when none are "
                                + "listed), whether its branch is merged, and for one that is not, the message type its "
                                + "outcome reaches your inbox as.", List.of(),
                        (a, caller) -> s.perspectives().all().stream().map(p -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("perspective", p.label());
                            m.put("guide", p.guide());
                            m.put("tools", p.tools().isEmpty() ? "all" : p.tools());
                            m.put("merged", p.merged());
                            m.put("produces", p.produces() == null ? null : p.produces().label());
                            return m;
                        }).toList()));
    }

    private static Duration wait(ToolArgs a) {
        return Duration.ofSeconds(a.optInt("timeout_s", DEFAULT_WAIT_S));
    }
}
