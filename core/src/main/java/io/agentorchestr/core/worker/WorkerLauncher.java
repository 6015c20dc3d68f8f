package io.agentorchestr.core.worker;

import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.ConversationFinder;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.LaunchCommand;
import io.agentorchestr.core.agent.LaunchRequest;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.agent.ToolListings;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts a worker: its worktree on a fresh branch, its prompt file, its pane (gated until the pane
 * log is attached), and its stored record. Each step is recorded before the next, so a crash leaves
 * a state that says how far it got.
 */
public final class WorkerLauncher {
    private final Tmux tmux;
    private final Git git;
    private final Worktrees worktrees;
    private final StateStore store;
    private final PaneRelease release;
    private final PaneOpener panes;
    private final McpInjector mcpInjector = new McpInjector();
    private final FirstRunDialogs dialogs;
    private final ConversationFinder conversations;
    private final List<McpInjector.Injection> injections = new CopyOnWriteArrayList<>();
    private final WarmLaunch warm;

    /** Pre-accepts first-run dialogs of an agent for a directory (the lead's, outside this class). */
    public FirstRunDialogs dialogs() {
        return dialogs;
    }

    /** Finds the conversation of an agent that chose its own id (the lead's, outside this class). */
    public ConversationFinder conversations() {
        return conversations;
    }

    public WorkerLauncher(Tmux tmux, Git git, Worktrees worktrees, StateStore store, FirstRunDialogs dialogs,
                          ConversationFinder conversations) {
        this.dialogs = dialogs;
        this.conversations = conversations;
        this.tmux = tmux;
        this.git = git;
        this.worktrees = worktrees;
        this.store = store;
        this.release = new PaneRelease(tmux);
        this.panes = new PaneOpener(tmux, release);
        this.warm = new WarmLaunch(tmux, git, worktrees, store, panes, release, dialogs, this::injectMcp);
    }

    /** Starts agents ahead of their workers' tasks, for {@link #launch(SessionRecord, WorkerSpec, WarmAgent)}. */
    public WarmLaunch warm() {
        return warm;
    }

    /**
     * Where workers' MCP clients are seen listing their tools: a worker that takes its prompt by paste
     * gets it only once its MCP client can call them.
     */
    public void listenTo(ToolListings serverListings) {
        release.listenTo(serverListings);
    }

    /** The id the next worker gets, from number {@code from} on ({@link WorkerIds}). */
    public WorkerId freeId(SessionRecord session, int from) {
        return new WorkerIds(git, worktrees).firstFree(Path.of(session.project()), session.id(), from);
    }

    public static String branchName(String sessionId, String perspective, WorkerId id) {
        return WorkerIds.branchName(sessionId, perspective, id);
    }

    /**
     * Starts the worker. Every step that creates something (worktree and branch, MCP files, prompt,
     * pane, stored record) is taken back if a later one fails, so a failed start leaves nothing
     * behind that would block the next one; the error names the step and its real cause.
     */
    public WorkerRecord launch(SessionRecord session, WorkerSpec spec) {
        return launch(session, spec, null);
    }

    /**
     * {@link #launch(SessionRecord, WorkerSpec)} with the agent already started ({@link WarmLaunch}),
     * when {@code warmAgent} is not null: it must be of the spec's agent and id. A failure stops it too.
     */
    public WorkerRecord launch(SessionRecord session, WorkerSpec spec, WarmAgent warmAgent) {
        String id = spec.id().toString();
        if (warmAgent != null && (!warmAgent.id().equals(spec.id()) || !warmAgent.agentKey().equals(spec.agent().key()))) {
            throw new IllegalArgumentException("warm agent " + warmAgent.id() + " (" + warmAgent.agentKey()
                    + ") is not for " + id + " (" + spec.agent().key() + ")");
        }
        String perspective = spec.brief().perspective().label();
        long op = store.beginOp(session.id(), "spawn_worker", id + " " + spec.agent().key()
                + (warmAgent == null ? "" : " (warm)"));
        Rollback rollback = new Rollback();
        try {
            WorkerRecord running = warmAgent == null ? start(session, spec, id, perspective, rollback)
                    : warm.claim(session, spec, warmAgent, rollback);
            store.finishOp(op, "ok");
            return running;
        } catch (RuntimeException e) {
            List<String> left = rollback.run();
            store.deleteWorker(session.id(), id);
            String message = "cannot start worker " + id + ": " + e.getMessage()
                    + (left.isEmpty() ? "; nothing of it was left behind"
                    : "; these could not be removed: " + String.join(", ", left));
            store.finishOp(op, "failed: " + message);
            throw e instanceof AgentorchestrException a
                    ? new AgentorchestrException(a.exitCode(), message, e)
                    : AgentorchestrException.error(message, e);
        }
    }

    private WorkerRecord start(SessionRecord session, WorkerSpec spec, String id, String perspective,
                               Rollback rollback) {
        long started = System.nanoTime();
        Path project = Path.of(session.project());
        String branch = branchName(session.id(), perspective, spec.id());
        Path worktree = worktrees.pathFor(project, session.id(), id);
        String startCommit = spec.startCommit() == null ? session.baseCommit() : spec.startCommit();
        Path sessionDir = Path.of(session.sessionDir());
        Path promptFile = sessionDir.resolve("prompts").resolve(id + ".md");
        Path log = sessionDir.resolve("logs").resolve(id + ".log");
        PaneOpener.Attempt attempt = new PaneOpener.Attempt(session, id, "", promptFile, log, worktree,
                id + " · " + spec.brief().perspective().label() + " · " + spec.agent().key());
        WorkerFiles.createLogDirectory(log);
        // The pane opens while git makes the worktree; its agent starts once both are done.
        CompletableFuture<PaneRef> opened = panes.openAsync(attempt, spec.firstPane());
        rollback.add("pane of " + id, () -> panes.close(opened));
        ControlFiles.EXCLUDE_PATTERNS.forEach(p -> git.exclude(project, p));
        worktrees.create(project, worktree, branch, startCommit);
        rollback.add("worktree " + worktree + " and branch " + branch, () -> {
            worktrees.removeSafely(project, worktree, "agentorchestr: save work of " + id + " (its start failed)");
            git.deleteBranchAt(project, branch, startCommit);
        });

        List<String> trust = dialogs.preAccept(spec.agent(), project, List.of(worktree));
        McpInjector.Injection injection = spec.mcp().map(access -> injectMcp(spec.agent(), access, sessionDir,
                worktree, project, id)).orElse(McpInjector.Injection.NONE);
        rollback.add("MCP settings of " + id, () -> McpInjector.cleanUp(injection));
        String prompt = WorkerPrompt.build(id, branch, spec.brief(), !injection.equals(McpInjector.Injection.NONE));
        rollback.add("prompt file " + promptFile, () -> WorkerFiles.deleteQuietly(promptFile));
        WorkerFiles.write(worktree, promptFile, prompt, log);

        String agentSessionId = spec.agent().sessionIdArgs().isEmpty() ? null : UUID.randomUUID().toString();
        LaunchCommand launch = AgentLauncher.build(spec.agent(), spec.binary(),
                new LaunchRequest(false, promptFile, agentSessionId), concat(trust, injection.args()));
        rollback.add("launch file of " + id, () -> WorkerFiles.deleteQuietly(attempt.launchFile()));
        PaneOpener.writeLaunch(attempt, launch, injection);
        PaneRelease.Ready ready = release.ready(id, injection);
        PaneRef ref = PaneOpener.await(opened);
        Instant now = Instant.now();
        WorkerRecord record = new WorkerRecord(session.id(), id, 1, perspective, spec.agent().key(),
                agentSessionId, spec.brief().task(), ref.id(), worktree.toString(), branch,
                WorkerState.STARTING, null, null, null, log.toString(), now, now, null, null, spec.requestId());
        store.saveWorker(record);
        store.append(session.id(), new SessionEvent.WorkerSpawned(id, spec.agent().key(), branch,
                worktree.toString(), ref.id(), (System.nanoTime() - started) / 1_000_000));
        release.release(ref, launch.pastePrompt() ? prompt : null, spec.agent(), ready);
        WorkerRecord running = record.withState(WorkerState.RUNNING, null, null, null);
        store.saveWorker(running);
        store.append(session.id(), new SessionEvent.WorkerStateChanged(id, WorkerState.STARTING.label(),
                WorkerState.RUNNING.label(), "agent started in pane " + ref.id()));
        return running;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Starts a new attempt of {@code w} in its existing worktree and branch: with the agent's resume
     * flag when it has one and the conversation id is known, else with its original prompt and a note
     * that this is a new attempt. Respawns {@code target} when given and still there, else adds a pane.
     */
    public WorkerRecord relaunch(SessionRecord session, WorkerRecord w, AgentProfile agent, Path binary,
                                 Optional<McpAccess> mcp, String reason, PaneRef target) {
        long op = store.beginOp(session.id(), "restart_worker", w.id() + " attempt " + (w.attempt() + 1));
        int attempt = w.attempt() + 1;
        String suffix = "-a" + attempt;
        Path sessionDir = Path.of(session.sessionDir());
        Path worktree = Path.of(w.worktree());
        McpInjector.Injection injection = mcp.map(access -> injectMcp(agent, access, sessionDir, worktree,
                Path.of(session.project()), w.id())).orElse(McpInjector.Injection.NONE);
        List<String> trust = dialogs.preAccept(agent, Path.of(session.project()), List.of(worktree));
        String known = conversations.find(agent, binary, worktree, w.agentSessionId()).orElse(null);
        boolean resume = AgentLauncher.canResume(agent, known);
        String prompt = resume ? WorkerPrompt.resumeNote(w.id(), attempt, reason)
                : WorkerPrompt.nextAttempt(WorkerFiles.readPrompt(sessionDir, w.id()), attempt, reason);
        Path promptFile = sessionDir.resolve("prompts").resolve(w.id() + suffix + ".md");
        Path log = sessionDir.resolve("logs").resolve(w.id() + suffix + ".log");
        WorkerFiles.write(worktree, promptFile, prompt, log);
        String agentSessionId = resume ? known
                : agent.sessionIdArgs().isEmpty() ? null : UUID.randomUUID().toString();
        LaunchCommand launch = AgentLauncher.build(agent, binary, new LaunchRequest(false, promptFile, agentSessionId,
                resume), concat(trust, injection.args()));
        PaneOpener.Attempt next = new PaneOpener.Attempt(session, w.id(), suffix, promptFile, log, worktree,
                w.id() + " · " + w.perspective() + " · " + w.agent());
        PaneOpener.writeLaunch(next, launch, injection);
        PaneRelease.Ready ready = release.ready(w.id(), injection);
        PaneRef ref = panes.reopen(next, target);
        WorkerRecord restarted = w.nextAttempt(agentSessionId, ref.id(), log.toString());
        // Starting until it is let go and has its prompt: a resume after a crash meanwhile starts it again.
        store.saveWorker(restarted.withState(WorkerState.STARTING, null, null, null));
        store.append(session.id(), new SessionEvent.WorkerRestarted(w.id(), attempt, ref.id(), resume, reason));
        release.release(ref, launch.pastePrompt() ? prompt : null, agent, ready);
        store.saveWorker(restarted);
        store.finishOp(op, "ok");
        return restarted;
    }

    /**
     * Gives the worker its own MCP configuration; a workspace settings file is kept out of git. If the
     * agent's settings file already exists the worker runs without MCP (the done flag still works).
     */
    McpInjector.Injection injectMcp(AgentProfile agent, McpAccess access, Path sessionDir, Path worktree,
                                            Path project, String id) {
        if (!agent.mcp().supported()) {
            return McpInjector.Injection.NONE;
        }
        if (agent.mcp().file() != null) {
            git.exclude(project, "/" + agent.mcp().file());
        }
        try {
            McpInjector.Injection injection = mcpInjector.inject(agent, access, sessionDir, worktree, id);
            injections.add(injection);
            return injection;
        } catch (AgentorchestrException e) {
            return McpInjector.Injection.NONE;
        }
    }

    /**
     * A merged worker is done with its pane and worktree: its agent is stopped, the worktree removed
     * (anything uncommitted is committed to its branch first), the branch and the pane log are kept.
     */
    public void retire(SessionRecord session, WorkerRecord w) {
        new Retirement(tmux, git, worktrees).retire(session, w);
    }

    /**
     * Keeps a worktree of the session's base commit checked out ahead of the next spawn, which then
     * costs two git processes instead of four: for a session whose lead spawns workers.
     */
    public void keepSpareWorktree(SessionRecord session) {
        worktrees.keepSpare(Path.of(session.project()), session.id(), session.baseCommit());
    }

    /** Removes the spare worktree, and workspace MCP files written for workers (their tokens die with the session). */
    public void cleanUp() {
        worktrees.dropSpare();
        injections.forEach(McpInjector::cleanUp);
        injections.clear();
    }
}
