package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.attend.Attention;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.context.ProjectFiles;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.monitor.Completion;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.monitor.PaneLogScanner;
import io.agentorchestr.core.monitor.WatchedWorker;
import io.agentorchestr.core.session.Prerequisites;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.session.SessionLock;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.monitor.WorkerWatch;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code --resume ID} (SPEC §9): picks a paused or crashed auto session up from the store. With its
 * tmux session alive, the MCP server comes back (same port and tokens when free), live panes are
 * adopted and the done flags and pane logs are read again for anything that finished meanwhile. With
 * tmux gone, the lead is relaunched (its conversation resumed, or fresh with a digest) and unfinished
 * workers start a new attempt in their worktrees. Nothing is overwritten; worker ids continue.
 */
public final class GoalResume {
    private final GoalRun run;
    private final AppPaths paths;
    private final Tmux tmux;
    private final Git git;
    private final StateStore store;
    private final Prerequisites prerequisites;
    private final AgentSelection agents;
    private final ToolServer.Factory servers;
    private final Consumer<String> progress;

    public GoalResume(GoalRun run, AppPaths paths, Tmux tmux, Git git, StateStore store, Prerequisites prerequisites,
                      AgentSelection agents, ToolServer.Factory servers, Consumer<String> progress) {
        this.run = run;
        this.paths = paths;
        this.tmux = tmux;
        this.git = git;
        this.store = store;
        this.prerequisites = prerequisites;
        this.agents = agents;
        this.servers = servers;
        this.progress = progress;
    }

    /**
     * @param timeout the goal's time limit counted from now, or null to keep the stored one (which then
     *                also counts from now: time spent paused is not the goal's)
     */
    public GoalRun.Started resume(String id, java.time.Duration timeout) {
        SessionRecord stored = store.session(id).orElseThrow(() -> AgentorchestrException.usage("no session '" + id
                + "'; --list-sessions shows the sessions and which of them can resume"));
        Optional<SessionRuntime> runtime = store.runtime(id);
        Resumability.of(stored, runtime.isPresent(), false).reasonNot().ifPresent(why -> {
            throw AgentorchestrException.usage("session " + id + " cannot resume: " + why);
        });
        prerequisites.requireTmux();
        prerequisites.requireGit();
        Path repo = prerequisites.requireProject(Path.of(stored.project()));
        ProjectFiles files = ProjectFiles.load(paths.config(), repo);  // a bad hooks file stops it here
        Attention attention = run.attention(repo);  // so does a bad [notify] table
        SessionLock lock = SessionLock.acquire(Path.of(stored.sessionDir()), id);
        try {
            SessionRuntime rt = runtime.orElseThrow();
            if (timeout != null) {
                rt = rt.withTimeout(timeout);
                store.saveRuntime(rt);
            }
            return resume(stored, repo, rt, lock, files, attention);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private GoalRun.Started resume(SessionRecord stored, Path repo, SessionRuntime runtime, SessionLock lock,
                                   ProjectFiles files, Attention attention) {
        DetectedAgent lead = agents.chooseLead(stored.leadAgent(), stored.agents());
        List<DetectedAgent> roster = agents.roster(stored.agents(), lead);
        SessionRecord session = stored.resumed(ProcessHandle.current().pid());
        store.updateSession(session);
        Integration integration = Integration.open(git, new Worktrees(git, paths.worktrees()), repo, session.id());
        SessionContext context = run.context(files, session.id());
        Supervisor supervisor = run.supervisor(session, integration, roster, runtime, context);
        List<WorkerRecord> workers = store.workers(session.id());
        List<EventRecord> events = store.events(session.id());
        supervisor.restore(workers, events);
        ToolServer server = servers.start(supervisor, new ToolServer.Binding(
                stored.mcpPort() == null ? 0 : stored.mcpPort(), store.tokens(session.id())));
        // Relaunched workers need their MCP access and tool listings from their first moment.
        supervisor.serveWith(server);
        boolean samePort = stored.mcpPort() != null && server.port() == stored.mcpPort();
        session = session.withMcpPort(server.port());
        store.updateSession(session);
        LeadWatch watch = run.leadWatch(session, lead, server, supervisor, integration);
        boolean tmuxAlive = tmux.hasSession(session.tmuxSession());
        List<WorkerRecord> unfinished = workers.stream().filter(w -> !w.state().terminal()).toList();
        if (tmuxAlive) {
            tmux.connect(session.tmuxSession());
            // A worker still starting when we died may never have been let go (its pane waits at the
            // gate) or given its pasted prompt: it is started again, not watched idling.
            List<String> restart = settleFinished(supervisor, unfinished.stream()
                    .filter(w -> w.state() == WorkerState.STARTING).toList(), roster);
            List<WorkerRecord> adopted = unfinished.stream().filter(w -> w.state() != WorkerState.STARTING).toList();
            adopted.forEach(supervisor::adopt);
            if (BudgetWatch.pausedIt(events)) {
                // The budget's pause pressed Ctrl-C in every agent: the workers wait at their prompts.
                adopted.forEach(w -> tellToGoOn(supervisor, w));
            }
            resumeLead(watch, runtime, samePort, ready(events, runtime.leadLaunches()));
            restart.forEach(w -> supervisor.relaunch(w, "agentorchestr stopped while its agent was starting"));
        } else {
            List<String> relaunch = settleFinished(supervisor, unfinished, roster);
            watch.relaunch("the tmux session was gone (reboot or tmux kill-server) and agentorchestr resumed it",
                    new LeadLauncher.Place.NewSession());
            relaunch.forEach(w -> supervisor.relaunch(w, "the tmux session was gone (reboot or tmux kill-server)"));
        }
        watch.connectTo(supervisor, server);
        run.stopFinished(session, supervisor);
        String detail = (tmuxAlive ? "tmux session alive: adopted " : "tmux session gone: relaunched or recorded from disk ")
                + unfinished.stream().map(WorkerRecord::id).toList()
                + (samePort ? ", same MCP port" : ", new MCP port " + server.port());
        store.append(session.id(), new SessionEvent.SessionResumed(tmuxAlive, server.port(), samePort, detail));
        progress.accept("session " + session.id() + " resumed: " + detail);
        Map<String, Object> resumed = new LinkedHashMap<>();
        resumed.put("from_status", stored.status().label());
        resumed.put("tmux_alive", tmuxAlive);
        resumed.put("mcp_port", server.port());
        resumed.put("same_port", samePort);
        resumed.put("unfinished_workers", unfinished.stream().map(WorkerRecord::id).toList());
        context.fire(HookEvent.ON_RESUME, resumed);
        return new GoalRun.Started(session, supervisor, server, integration, watch, runtime, Instant.now(), lock,
                run.audience(session, supervisor, watch, attention));
    }

    private void tellToGoOn(Supervisor supervisor, WorkerRecord w) {
        try {
            supervisor.team().send(Mailbox.ENGINE, w.id(), BudgetWatch.GO_ON);
        } catch (ToolError gone) {
            progress.accept(w.id() + " was not told to go on: " + gone.getMessage());
        }
    }

    /**
     * Same port and a lead that was under way: it keeps running and is told its tools are back.
     * Otherwise it is relaunched: to reach a new port, or because it was starting when we died (its
     * MCP client gave up on the missing server, or its goal was to be pasted and never was).
     */
    private void resumeLead(LeadWatch watch, SessionRuntime runtime, boolean samePort, boolean ready) {
        PaneRef pane = runtime.leadPane() == null ? null : new PaneRef(runtime.leadPane());
        Optional<PaneStatus> status = pane == null ? Optional.empty() : tmux.paneStatus(pane);
        boolean alive = status.isPresent() && !status.get().dead();
        if (alive && samePort && ready) {
            watch.adopt(pane, runtime.leadLaunches(), runtime.leadAgentSessionId());
            return;
        }
        String reason = !alive ? "the lead was not running when agentorchestr resumed the session"
                : !samePort ? "agentorchestr restarted and its MCP server had to move to a new port"
                : "agentorchestr stopped while the lead was starting (before it had its tools and its goal)";
        watch.relaunch(reason,
                status.isPresent() ? new LeadLauncher.Place.Respawn(pane) : new LeadLauncher.Place.NewWindow());
    }

    /** Whether the lead's launch {@code launch} got under way in any run (its lead_ready event). */
    static boolean ready(List<EventRecord> events, int launch) {
        for (EventRecord e : events) {
            if (!"lead_ready".equals(e.kind())) {
                continue;
            }
            if (e.json().path("launch").asInt(-1) == launch) {
                return true;
            }
        }
        return false;
    }

    /**
     * With tmux gone, a worker that finished before the crash left its done flag or its WORKER_ line:
     * recorded as such. The others are relaunched, or orphaned when their agent or worktree is gone.
     */
    private List<String> settleFinished(Supervisor supervisor, List<WorkerRecord> unfinished,
                                        List<DetectedAgent> roster) {
        List<String> relaunch = new ArrayList<>();
        for (WorkerRecord w : unfinished) {
            String id = w.id();
            Optional<Completion> found = finishedOnDisk(w, Path.of(supervisor.session().sessionDir()));
            if (found.isPresent()) {
                supervisor.settle(id, found.get());
            } else if (!Files.isDirectory(Path.of(w.worktree()))) {
                supervisor.settle(id, new Completion(WorkerState.ORPHANED, "its worktree " + w.worktree()
                        + " is gone; its branch " + w.branch() + " keeps what it committed", "resume", null));
            } else if (roster.stream().noneMatch(a -> a.profile().key().equals(w.agent()))) {
                supervisor.settle(id, new Completion(WorkerState.ORPHANED, "its agent " + w.agent() + " is not "
                        + "installed any more; spawn a new worker for its task", "resume", null));
            } else {
                relaunch.add(id);
            }
        }
        return relaunch;
    }

    private Optional<Completion> finishedOnDisk(WorkerRecord w, Path sessionDir) {
        Optional<DoneFlag> flag = DoneFlag.read(Path.of(w.worktree()));
        if (flag.isPresent()) {
            return Optional.of(new Completion(flag.get().state(), flag.get().summary(), Completion.DONE_FLAG, null));
        }
        WatchedWorker watched = WorkerWatch.of(w, sessionDir);
        try {
            return new PaneLogScanner(watched.log(), watched.markers(), 0).flush()
                    .map(m -> new Completion(m.state(), m.summary(), Completion.OUTPUT_LINE, null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
