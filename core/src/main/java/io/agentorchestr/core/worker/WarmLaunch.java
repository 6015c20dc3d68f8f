package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.LaunchCommand;
import io.agentorchestr.core.agent.LaunchRequest;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A worker whose agent starts before its task is known: what an agent CLI spends on its own start
 * (Node, its plugins, its MCP connection: seconds) is spent while the lead is still deciding, not
 * after its spawn_worker. The agent gets its worker id, its worktree (detached at the base commit),
 * its MCP access and its pane as any worker does, and no prompt: it waits at its input, so nothing
 * reaches its model. When a worker of its kind is spawned it is taken: its branch is made at the
 * worker's start commit in its clean worktree, the prompt written and pasted.
 */
public final class WarmLaunch {
    private final Tmux tmux;
    private final Git git;
    private final Worktrees worktrees;
    private final StateStore store;
    private final PaneOpener panes;
    private final PaneRelease release;
    private final FirstRunDialogs dialogs;
    private final McpSetup mcp;

    /** How a worker's MCP settings are written (and remembered for the session's clean-up). */
    interface McpSetup {
        McpInjector.Injection inject(AgentProfile agent, McpAccess access, Path sessionDir, Path worktree, Path project,
                                     String workerId);
    }

    WarmLaunch(Tmux tmux, Git git, Worktrees worktrees, StateStore store, PaneOpener panes, PaneRelease release,
               FirstRunDialogs dialogs, McpSetup mcp) {
        this.tmux = tmux;
        this.git = git;
        this.worktrees = worktrees;
        this.store = store;
        this.panes = panes;
        this.release = release;
        this.dialogs = dialogs;
        this.mcp = mcp;
    }

    /**
     * Starts {@code agent} for worker {@code workerId} and waits until it is at its input (its MCP
     * client has listed its tools, its idle marker shows and its screen has settled). What it made is
     * taken back if a step fails.
     */
    public WarmAgent start(SessionRecord session, WorkerId workerId, AgentProfile agent, Path binary,
                           Optional<McpAccess> access) {
        if (!agent.warm()) {
            throw new IllegalArgumentException(agent.key() + " cannot start ahead of its task (warm = false)");
        }
        String id = workerId.toString();
        Instant started = Instant.now();
        Path project = Path.of(session.project());
        Path sessionDir = Path.of(session.sessionDir());
        PaneOpener.Attempt attempt = new PaneOpener.Attempt(session, id, "", sessionDir.resolve("prompts")
                .resolve(id + ".md"), sessionDir.resolve("logs").resolve(id + ".log"),
                worktrees.pathFor(project, session.id(), id), id + " · warm · " + agent.key());
        WorkerFiles.createLogDirectory(attempt.log());
        Rollback rollback = new Rollback();
        try {
            CompletableFuture<PaneRef> opened = panes.openAsync(attempt, false);
            rollback.add("pane of warm " + id, () -> panes.close(opened));
            ControlFiles.EXCLUDE_PATTERNS.forEach(p -> git.exclude(project, p));
            git.addDetachedWorktree(project, attempt.worktree(), session.baseCommit());
            rollback.add("worktree " + attempt.worktree(), () -> git.removeWorktree(project, attempt.worktree()));
            List<String> args = new ArrayList<>(dialogs.preAccept(agent, project, List.of(attempt.worktree())));
            McpInjector.Injection injection = access.map(a -> mcp.inject(agent, a, sessionDir, attempt.worktree(),
                    project, id)).orElse(McpInjector.Injection.NONE);
            rollback.add("MCP settings of warm " + id, () -> McpInjector.cleanUp(injection));
            args.addAll(injection.args());
            String agentSessionId = agent.sessionIdArgs().isEmpty() ? null : UUID.randomUUID().toString();
            LaunchCommand launch = AgentLauncher.build(agent, binary, LaunchRequest.warm(attempt.promptFile(),
                    agentSessionId), args);
            rollback.add("launch file of warm " + id, () -> WorkerFiles.deleteQuietly(attempt.launchFile()));
            PaneOpener.writeLaunch(attempt, launch, injection);
            PaneRelease.Ready tools = release.ready(id, injection);
            PaneRef ref = PaneOpener.await(opened);
            GatedCommand.release(tmux, ref);
            // Not ready in time (no idle marker within a minute): its task is pasted anyway when taken, as a
            // cold start's would be after the same wait.
            if (release.awaitTools(tools)) {
                release.delivery().awaitReady(ref, agent.markers());
            }
            return new WarmAgent(workerId, agent, attempt, ref, injection, agentSessionId, started);
        } catch (RuntimeException e) {
            rollback.run();
            throw e;
        }
    }

    /** Whether the warm agent is still there to take: its pane lives. */
    public boolean alive(WarmAgent warm) {
        return tmux.paneStatus(warm.pane()).map(p -> !p.dead()).orElse(false);
    }

    /**
     * Makes the warm agent the worker of {@code spec}: its branch, prompt file and record; then pastes
     * its prompt. Steps are added to {@code rollback}, as a cold start's are.
     */
    WorkerRecord claim(SessionRecord session, WorkerSpec spec, WarmAgent warm, Rollback rollback) {
        long began = System.nanoTime();
        String id = warm.id().toString();
        String perspective = spec.brief().perspective().label();
        Path project = Path.of(session.project());
        String branch = WorkerIds.branchName(session.id(), perspective, warm.id());
        String startCommit = spec.startCommit() == null ? session.baseCommit() : spec.startCommit();
        // Taken back newest first: the worktree must be gone before its branch can be deleted.
        rollback.add("branch " + branch, () -> git.deleteBranchAt(project, branch, startCommit));
        rollback.add("warm agent " + id, () -> discard(session, warm));
        git.checkoutNewBranch(warm.worktree(), branch, startCommit);
        String prompt = WorkerPrompt.build(id, branch, spec.brief(), !warm.injection.equals(McpInjector.Injection.NONE));
        rollback.add("prompt file of " + id, () -> WorkerFiles.deleteQuietly(warm.attempt.promptFile()));
        WorkerFiles.write(warm.worktree(), warm.attempt.promptFile(), prompt, warm.attempt.log());
        new PanePlacer(tmux).label(warm.pane(), id + " · " + perspective + " · " + warm.agentKey());
        Instant now = Instant.now();
        WorkerRecord record = new WorkerRecord(session.id(), id, 1, perspective, warm.agentKey(),
                warm.agentSessionId(), spec.brief().task(), warm.pane().id(), warm.worktree().toString(), branch,
                WorkerState.STARTING, null, null, null, warm.attempt.log().toString(), now, now, null, null,
                spec.requestId());
        store.saveWorker(record);
        store.append(session.id(), new SessionEvent.WorkerSpawned(id, warm.agentKey(), branch,
                warm.worktree().toString(), warm.pane().id(), (System.nanoTime() - began) / 1_000_000));
        release.delivery().deliver(warm.pane(), prompt);
        WorkerRecord running = record.withState(WorkerState.RUNNING, null, null, null);
        store.saveWorker(running);
        Duration ahead = Duration.between(warm.started(), now);
        store.append(session.id(), new SessionEvent.WorkerStateChanged(id, WorkerState.STARTING.label(),
                WorkerState.RUNNING.label(), "agent started in pane " + warm.pane().id() + ", warm: "
                + ahead.toMillis() / 100 / 10.0 + " s before its task"));
        return running;
    }

    /**
     * Stops a warm agent nobody took: its pane is killed, its MCP settings and launch file go, and
     * its worktree is removed when clean (git refuses otherwise, and it stays for {@code --clean}).
     */
    public void discard(SessionRecord session, WarmAgent warm) {
        tmux.killPane(warm.pane());
        McpInjector.cleanUp(warm.injection);
        WorkerFiles.deleteQuietly(warm.attempt.launchFile());
        try {
            git.removeWorktree(Path.of(session.project()), warm.worktree());
        } catch (RuntimeException e) {
            // Something was written there after all: kept, as any worktree with changes is.
        }
    }
}
