package io.agentorchestr.core.goal;

import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.context.VerifyCommands;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.CrashFiles;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.MergeAttempt;
import io.agentorchestr.core.git.WorktreeStatus;
import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.worker.ControlFiles;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where finished work comes together: a worker's diff against the base, merging done workers into
 * the integration branch (conflicts reported, never forced; a merged worker retires its pane and
 * worktree), and verifying the merged result.
 */
public final class IntegrationDesk {
    private final SessionRecord session;
    private final StateStore store;
    private final WorkerLauncher launcher;
    private final Integration integration;
    private final Git git;
    /** Lines of a failed verify command's output in the progress lines (the report and the lead get more). */
    private static final int PROGRESS_TAIL = 10;

    private final Verifier verifier;
    private final WorkerBoard board;
    private final AbsorbedResults absorbed;
    private final SessionContext context;
    private final Consumer<String> progress;
    private volatile VerifyResult lastVerify;
    private final Perspectives perspectives;

    IntegrationDesk(SessionRecord session, StateStore store, WorkerLauncher launcher, Integration integration,
                    Verifier verifier, WorkerBoard board, SessionContext context, Consumer<String> progress, Git git,
                    Perspectives perspectives) {
        this.perspectives = perspectives;
        this.git = git;
        this.session = session;
        this.store = store;
        this.launcher = launcher;
        this.integration = integration;
        this.verifier = verifier;
        this.board = board;
        this.context = context;
        this.progress = progress;
        this.absorbed = new AbsorbedResults(session, store, board, integration);
    }

    Optional<VerifyResult> lastVerify() {
        return Optional.ofNullable(lastVerify);
    }

    public String diff(String id) {
        return diff(id, true);
    }

    /**
     * get_worker_diff; for a worker whose results the lead absorbed (clear_tool_results), unless
     * {@code full}, only what its branch gained since then.
     */
    public String diff(String id, boolean full) {
        WorkerRecord w = board.get(id);
        Optional<AbsorbedResults.Mark> mark = full ? Optional.empty() : absorbed.of(id);
        if (mark.isPresent() && mark.get().head() != null) {
            if (integration.head(w.branch()).map(h -> h.equals(mark.get().head())).orElse(true)) {
                return "(" + id + ": cleared, nothing new on its branch; full = true shows the diff)";
            }
            return "(" + id + ": cleared; what its branch gained since:)\n"
                    + WorkerOutput.truncate(integration.diff(mark.get().head(), w.branch()), 60_000);
        }
        String diff = integration.diff(session.baseCommit(), w.branch());
        return diff.isBlank() ? "(no changes on " + w.branch() + ")" : WorkerOutput.truncate(diff, 60_000);
    }

    /** What the lead has absorbed (clear_tool_results). */
    public AbsorbedResults absorbed() {
        return absorbed;
    }

    /** merge_worker: the worker's branch into the integration branch; conflicts are reported, not forced. */
    public MergeOutcome merge(String id) {
        synchronized (integration) {
            WorkerRecord w = board.get(id);
            if (w.mergedCommit() != null) {
                return new MergeOutcome(id, true, w.mergedCommit(), List.of(), "already merged");
            }
            Perspective role = perspectives.of(w.perspective());
            if (!role.merged()) {
                throw new ToolError(id + " is a " + role.label() + ": its role's work is not merged; its outcome came "
                        + "to your inbox as a " + role.produces().label() + " message (read_inbox), and its branch "
                        + w.branch() + " keeps what it committed (get_worker_diff)");
            }
            if (w.state() != WorkerState.DONE) {
                throw new ToolError(id + " is " + w.state().label() + "; only workers that finished done are merged "
                        + "(its branch " + w.branch() + " keeps its commits)");
            }
            Optional<String> unsaved = unsaved(w);
            if (unsaved.isPresent()) {
                return notMerged(id, unsaved.get());
            }
            MergeAttempt a;
            long started = System.nanoTime();
            try {
                a = integration.merge(w.branch(), "agentorchestr: merge " + id + " ("
                        + TerminalText.shortLine(w.summary()) + ")");
            } catch (AgentorchestrException e) {
                // Not a conflict: git could not run or refused (a lock, a broken worktree). The
                // integration branch is as it was; say why, and let the caller go on with the others.
                return notMerged(id, e.getMessage());
            }
            if (!a.merged() && a.conflicts().isEmpty()) {
                return notMerged(id, a.message());
            }
            if (!a.merged()) {
                store.append(session.id(), new SessionEvent.MergeConflict(id, a.conflicts(), millisSince(started)));
                progress.accept(id + " not merged: conflicts in " + String.join(", ", a.conflicts()));
                return new MergeOutcome(id, false, null, a.conflicts(),
                        "merge conflict; the integration branch was left as it was");
            }
            board.put(w.withMergedCommit(a.commit()));
            store.append(session.id(), new SessionEvent.WorkerMerged(id, a.commit(), millisSince(started)));
            try {
                launcher.retire(session, w);
            } catch (AgentorchestrException e) {
                // The merge stands; only the clean-up of its pane or worktree failed (--clean retries it).
                store.append(session.id(), new SessionEvent.HealthAction(id, "worktree_not_removed", e.getMessage()));
                progress.accept(id + " merged, but its worktree was not removed: " + e.getMessage());
            }
            progress.accept(id + " merged into " + integration.branch());
            return new MergeOutcome(id, true, a.commit(), List.of(), "merged");
        }
    }

    /** A merge that did not happen for a reason other than conflicts: said as such, never as "conflicts in []". */
    private MergeOutcome notMerged(String id, String why) {
        store.append(session.id(), new SessionEvent.HealthAction(id, "not_merged", why));
        progress.accept(id + " not merged: " + why);
        return new MergeOutcome(id, false, null, List.of(), "not merged: " + why);
    }

    /**
     * Why the worker's branch does not hold all its work, if it does not: changes left in its worktree
     * that could not be committed (a git hook refused the save). Merging the branch then would report
     * work merged that exists only in the worktree. Crash files and control files do not count.
     */
    private Optional<String> unsaved(WorkerRecord w) {
        Path worktree = w.worktree() == null ? null : Path.of(w.worktree());
        if (worktree == null || !java.nio.file.Files.isDirectory(worktree)) {
            return Optional.empty();
        }
        String failure = "";
        try {
            if (!left(worktree).isEmpty()) {
                git.commitAll(worktree, "agentorchestr: save uncommitted work of " + w.id())
                        .ifPresent(commit -> store.append(session.id(), new SessionEvent.WorkSaved(w.id(), commit)));
            }
        } catch (RuntimeException e) {
            failure = " (" + TerminalText.shortLine(e.getMessage()) + ")";
        }
        List<String> left = left(worktree);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(w.id() + "'s worktree " + worktree + " has changes that could not be committed" + failure
                + ": " + String.join(", ", left.subList(0, Math.min(5, left.size())))
                + (left.size() > 5 ? " and " + (left.size() - 5) + " more" : "") + "; they would not reach "
                + integration.branch() + ". Commit them there (a git hook may refuse them), then merge again");
    }

    private List<String> left(Path worktree) {
        WorktreeStatus status = git.status(worktree);
        List<String> paths = new ArrayList<>(status.changed());
        status.untracked().stream().filter(p -> !CrashFiles.is(p) && !p.startsWith(ControlFiles.DIR + "/"))
                .forEach(paths::add);
        paths.sort(null);
        return paths;
    }

    /** One line for the user, with the failing command's last lines of output: the lead is not the only reader. */
    private void report(VerifyResult v) {
        if (v.commands().isEmpty()) {
            progress.accept("verify: " + VerifyResult.NOT_CONFIGURED);
            return;
        }
        v.failure().ifPresentOrElse(f -> {
            progress.accept("verify FAILED: " + f.outcome() + (f.outputTail().isBlank() ? ", with no output"
                    : "; its last lines:"));
            List<String> lines = f.outputTail().lines().toList();
            lines.subList(Math.max(0, lines.size() - PROGRESS_TAIL), lines.size()).forEach(l -> progress.accept("  | "
                    + l));
        }, () -> progress.accept("verify passed (" + v.commands().size() + " command(s))"));
    }

    /** verify: merges finished work not merged yet, then runs the verify commands on the result. */
    public VerifyResult verify(String successCriteria) {
        VerifyCommands commands = VerifyCommands.load(Path.of(session.project()));
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("commands", commands.commands());
        eval.put("commands_from", commands.source());
        eval.put("integration_branch", integration.branch());
        eval.put("worktree", integration.worktree().toString());
        eval.put("success_criteria", successCriteria);
        context.check(HookEvent.PRE_EVAL, eval).ifPresent(veto -> {
            throw new ToolError(veto.reason() + "; verify did not run");
        });
        List<String> merged = new ArrayList<>();
        List<String> unmerged = new ArrayList<>();
        long started = System.nanoTime();
        for (WorkerRecord w : board.all()) {
            if (w.state() == WorkerState.DONE && w.mergedCommit() == null && perspectives.of(w.perspective()).merged()) {
                // One worker's branch that cannot merge must not keep the others out.
                MergeOutcome m = merge(w.id());
                (m.merged() ? merged : unmerged).add(m.merged() ? w.id() : w.id() + " (" + m.message()
                        + (m.conflicts().isEmpty() ? "" : ": " + String.join(", ", m.conflicts())) + ")");
            }
        }
        List<VerifyResult.CommandRun> runs = verifier.run(commands, integration.worktree(), progress);
        boolean passed = runs.stream().allMatch(VerifyResult.CommandRun::ok);
        String note = commands.commands().isEmpty()
                ? "no verify commands configured, so nothing was verified: add [verify] commands = [...] to "
                + ".agentorchestr/config.toml or a fenced block under '## How to verify' in .agentorchestr/PROJECT.md"
                : "commands from " + commands.source();
        if (successCriteria != null && !successCriteria.isBlank()) {
            note += "; judge the success criteria yourself against the merged result: " + successCriteria.strip();
        }
        VerifyResult result = new VerifyResult(passed, runs, merged, unmerged, note);
        lastVerify = result;
        store.append(session.id(), new SessionEvent.VerifyRan(passed, runs.size() + " command(s), merged "
                + merged + ", unmerged " + unmerged, millisSince(started)));
        report(result);
        eval.put("passed", passed);
        eval.put("runs", runs.stream().map(r -> Map.of("command", r.command(), "exit_code", r.exitCode(),
                "duration_ms", r.millis(), "timed_out", r.timedOut())).toList());
        eval.put("merged", merged);
        eval.put("unmerged", unmerged);
        context.fire(HookEvent.POST_EVAL, eval);
        return result;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
