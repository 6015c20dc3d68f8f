package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.WorktreeStatus;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.model.WorkerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code --clean}: removes what ended sessions left behind, their tmux sessions (after stopping any
 * agent still running in them), their worktrees and their merged branches, and lists what it kept
 * and why. It never removes work: a worktree with uncommitted changes stays, and a branch goes only
 * when its commits are in the integration branch (or it has none of its own); the integration branch
 * goes only once it is merged into the checkout's HEAD. Session records and logs stay as history.
 */
public final class SessionCleanup {
    private final StateStore store;
    private final Tmux tmux;
    private final Git git;
    private final Worktrees worktrees;
    private final AgentStopper stopper;
    private final BranchCleanup branches;
    private final Retention retention;

    /** @param keepDays {@code [store] keep_days} ({@link Retention}), applied to the whole store on every clean */
    public SessionCleanup(StateStore store, Tmux tmux, Git git, Worktrees worktrees, AgentStopper stopper,
                          int keepDays) {
        this.retention = new Retention(store, keepDays);
        this.store = store;
        this.tmux = tmux;
        this.git = git;
        this.worktrees = worktrees;
        this.stopper = stopper;
        this.branches = new BranchCleanup(git, this::cleanOrGone);
    }

    /** One thing looked at: what it is, whether it was (or would be) removed, and why (not). */
    public record Item(String session, String kind, String target, boolean removed, String reason) {
    }

    /**
     * @param ids      sessions to clean; empty with {@code finished} for every ended session
     * @param finished clean every session that ended (done, failed, interrupted), and running ones
     *                 whose owner process is gone with nothing left in tmux
     * @param dryRun   only say what would be removed
     * @param force    also delete the named sessions' branches whose work is in no other branch (never a
     *                 worktree with uncommitted changes); only with {@code ids}, so the user chooses them
     */
    public List<Item> clean(List<String> ids, boolean finished, boolean dryRun, boolean force) {
        if (force && (ids.isEmpty() || finished)) {
            throw AgentorchestrException.usage("--force deletes unmerged branches only of sessions you name: "
                    + "agentorchestr --clean ID... --force (--clean --finished --dry-run lists what each keeps)");
        }
        List<SessionRecord> sessions = select(ids, finished);
        List<Item> items = new ArrayList<>();
        for (SessionRecord s : sessions) {
            boolean abandoned = abandoned(s);
            items.addAll(clean(s, dryRun, force));
            if (abandoned && !dryRun) {
                String why = "abandoned: its process (pid " + s.ownerPid() + ") was gone and nothing of it ran in tmux;"
                        + " cleaned";
                store.updateSession(s.ended(SessionStatus.FAILED, why));
                store.append(s.id(), new SessionEvent.SessionEnded(SessionStatus.FAILED.label(), why));
            }
        }
        if (!dryRun) {
            items.addAll(retention.pruneAndCompact(java.time.Instant.now()));
        }
        return items;
    }

    private List<SessionRecord> select(List<String> ids, boolean finished) {
        if (ids.isEmpty() && !finished) {
            throw AgentorchestrException.usage("--clean needs session ids or --finished (every session that ended); "
                    + "--list-sessions shows them, and --dry-run shows what would go");
        }
        Set<SessionRecord> chosen = new LinkedHashSet<>();
        for (String id : ids) {
            SessionRecord s = store.session(id.strip()).orElseThrow(() -> AgentorchestrException.usage("no session '"
                    + id + "'; --list-sessions shows the sessions"));
            if (SessionLock.driven(s)) {
                throw AgentorchestrException.usage("session " + s.id() + " is running (pid " + s.ownerPid() + "); "
                        + "end it (or Ctrl-C to pause it) before cleaning it");
            }
            chosen.add(s);
        }
        if (finished) {
            store.recentSessions(Integer.MAX_VALUE).stream()
                    .filter(s -> s.status().finished() || s.status() == SessionStatus.INTERRUPTED || abandoned(s))
                    .filter(s -> !SessionLock.driven(s)).forEach(chosen::add);
        }
        return List.copyOf(chosen);
    }

    /**
     * Recorded as running, but its owner process is gone and nothing of it runs in tmux: a start
     * killed part way (SIGTERM in a pre_task hook) or a crash with everything lost. Nothing can be
     * resumed from it that its worktrees and branches do not keep, and those are kept as ever.
     */
    private boolean abandoned(SessionRecord s) {
        return s.status() == SessionStatus.RUNNING && !SessionLock.driven(s) && !tmux.hasSession(s.tmuxSession());
    }

    private List<Item> clean(SessionRecord s, boolean dryRun, boolean force) {
        List<Item> items = new ArrayList<>();
        items.add(tmuxSession(s, dryRun));
        chatter(s, dryRun).ifPresent(items::add);
        Path repo = Path.of(s.project());
        if (!Files.isDirectory(repo) || !git.isWorkTree(repo)) {
            items.add(new Item(s.id(), "project", s.project(), false, "the project is gone or not a git repository "
                    + "any more; its worktrees and branches cannot be checked"));
            return items;
        }
        List<WorkerRecord> workers = store.workers(s.id());
        Set<Path> known = new LinkedHashSet<>();
        for (WorkerRecord w : workers) {
            Path wt = Path.of(w.worktree());
            known.add(wt);
            items.add(worktree(s, repo, wt, dryRun));
        }
        Path integrationTree = s.integrationBranch() == null ? null : worktrees.pathFor(repo, s.id(), "integration");
        if (integrationTree != null) {
            known.add(integrationTree);
            items.add(worktree(s, repo, integrationTree, dryRun));
        }
        // Left by a start that failed half way, or by a version that did not record it.
        strays(repo, s.id(), known).forEach(p -> items.add(worktree(s, repo, p, dryRun)));
        if (!dryRun) {
            git.pruneWorktrees(repo);
        }
        for (WorkerRecord w : workers) {
            items.add(branches.workerBranch(s, repo, w, dryRun, force));
        }
        if (s.integrationBranch() != null) {
            items.add(branches.integrationBranch(s, repo, dryRun, force));
        }
        if (!dryRun) {
            removeIfEmpty(worktrees.pathFor(repo, s.id(), "x").getParent());
        }
        items.removeIf(i -> i == null);
        return items;
    }

    /**
     * Events are the store's only unbounded table: a session's tool calls, progress lines, signals,
     * messages and hook runs go when it is cleaned; what it did (started, spawned, state changes,
     * merges, verify, its end) stays for the dashboard and --list-sessions.
     */
    static final Set<String> CHATTER = Set.of("tool_called", "progress_reported", "signal_observed",
            "message_sent", "hook_ran");

    private java.util.Optional<Item> chatter(SessionRecord s, boolean dryRun) {
        if (!s.status().finished()) {
            return java.util.Optional.empty();   // an interrupted session may still resume from its events
        }
        long n = dryRun ? store.events(s.id()).stream().filter(e -> CHATTER.contains(e.kind())).count()
                : store.dropEvents(s.id(), CHATTER);
        return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(new Item(s.id(), "events", n + " event(s)",
                true, "tool calls, progress lines, signals, messages and hook runs; what the session did (spawns, "
                + "states, merges, verify, its end) is kept"));
    }

    private Item tmuxSession(SessionRecord s, boolean dryRun) {
        boolean exists = tmux.hasSession(s.tmuxSession());
        if (!dryRun) {
            // Whatever of the session still runs (agents, helpers they left) goes first.
            stopper.stop(s.id(), s.tmuxSession(), Map.of());
            if (exists) {
                tmux.killSession(s.tmuxSession());
            }
            new SessionChrome(tmux, s).undress();
        }
        return exists ? new Item(s.id(), "tmux", s.tmuxSession(), true, "its agents stopped, the session closed")
                : null;
    }

    private Item worktree(SessionRecord s, Path repo, Path wt, boolean dryRun) {
        if (!Files.exists(wt)) {
            return null;
        }
        WorktreeStatus status;
        try {
            status = git.status(wt);
        } catch (RuntimeException e) {
            return new Item(s.id(), "worktree", wt.toString(), false, "not a readable git worktree (" + e.getMessage()
                    + "); look at it and remove it yourself");
        }
        if (!status.clean()) {
            int n = status.changed().size() + status.untracked().size();
            return new Item(s.id(), "worktree", wt.toString(), false, "uncommitted changes (" + n + " file(s)); "
                    + "commit or discard them, then clean again");
        }
        if (!dryRun) {
            try {
                git.removeWorktree(repo, wt);
            } catch (RuntimeException e) {
                return new Item(s.id(), "worktree", wt.toString(), false, "git would not remove it: " + e.getMessage());
            }
        }
        return new Item(s.id(), "worktree", wt.toString(), true, "clean");
    }

    /** In a dry run: whether the worktree would be removed (or is already gone). */
    boolean cleanOrGone(Path wt) {
        try {
            return !Files.exists(wt) || git.status(wt).clean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<Path> strays(Path repo, String sessionId, Set<Path> known) {
        Path dir = worktrees.pathFor(repo, sessionId, "x").getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> !known.contains(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (a worktree was kept), or gone: either way nothing to do
        }
    }
}
