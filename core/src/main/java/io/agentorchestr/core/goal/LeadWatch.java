package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.attend.Notice;
import io.agentorchestr.core.session.SessionDirectories;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionRuntime;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.PaneStatus;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The lead's health: its pane dying, or printing nothing and calling no tool for the hang threshold,
 * gets it relaunched once per run (its conversation resumed where its agent allows, else a fresh lead
 * with a digest of the session); a second failure ends the goal with the reason.
 */
public final class LeadWatch {
    /** How long the lead is quiet, outside a tool call, before its screen is read for a question. */
    private static final Duration QUESTION_SETTLE = Duration.ofSeconds(3);

    private final SessionRecord session;
    private final StateStore store;
    private final Tmux tmux;
    private final LeadLauncher launcher;
    private final DetectedAgent agent;
    private final ToolServer server;
    private final Supervisor supervisor;
    private final Path workDir;
    private volatile LeadLauncher.Lead lead;
    private int relaunchesThisRun;
    private long lastSize;
    private Instant lastOutput = Instant.now();
    /** Whether the lead's screen was looked at in its current quiet spell (once per spell is enough). */
    private boolean lookedWhileQuiet;
    /** The lead's screen asks the person something: waiting for them is not hanging. */
    private boolean asking;
    private volatile BiConsumer<Notice.Kind, String> needs = (kind, text) -> { };

    LeadWatch(SessionRecord session, StateStore store, Tmux tmux, LeadLauncher launcher, DetectedAgent agent,
              ToolServer server, Supervisor supervisor, Path workDir) {
        this.session = session;
        this.store = store;
        this.tmux = tmux;
        this.launcher = launcher;
        this.agent = agent;
        this.server = server;
        this.supervisor = supervisor;
        this.workDir = workDir;
    }

    /** Who is told when the lead needs the person: it asks a question, hangs, or exits unasked. */
    void tellTo(BiConsumer<Notice.Kind, String> listener) {
        this.needs = listener;
    }

    LeadLauncher.Lead current() {
        return lead;
    }

    /** The lead's agent. */
    /** The session's parts meet the MCP server and the lead's pane (and how the lead shows its prompt). */
    void connectTo(Supervisor supervisor, ToolServer server) {
        supervisor.connect(server, current().pane(), agent.profile());
    }

    DetectedAgent agent() {
        return agent;
    }

    /** The lead's first launch in a new session. */
    void launchFirst(String prompt) {
        launcher.launch(session, workDir, agent, server, new LeadLauncher.Plan(prompt, false, null, 1,
                new LeadLauncher.Place.NewSession()), this::started);
        supervisor.leadActivity().prompted();
    }

    /**
     * Keeps a lead that survived the orchestrator's crash: its MCP configuration is written again (same
     * address and token), and it is told that its tools are back, so it repeats a call that failed.
     */
    void adopt(PaneRef pane, int launch, String agentSessionId) {
        Path sessionDir = Path.of(session.sessionDir());
        Path log = sessionDir.resolve("logs").resolve(launch <= 1 ? "lead.log" : "lead-" + launch + ".log");
        McpInjector.Injection mcp = new McpInjector().inject(agent.profile(), server.leadAccess(), sessionDir, workDir,
                "lead");
        started(new LeadLauncher.Lead(pane, log, mcp, agentSessionId, Math.max(1, launch)));
        supervisor.leadActivity().prompted();  // adopted only when it was under way, its goal given
        new PromptDelivery(tmux).deliver(pane, "[agentorchestr] agentorchestr was "
                + "restarted and its MCP tools are available again at the same address. If a tool call failed, "
                + "make it again; list_workers shows where every worker stands.");
    }

    /**
     * Starts the lead again at {@code place}: its conversation resumed with a note when its agent can,
     * otherwise a fresh lead whose prompt carries a digest of the session.
     */
    void relaunch(String reason, LeadLauncher.Place place) {
        SessionRuntime rt = store.runtime(session.id()).orElseThrow();
        int launch = rt.leadLaunches() + 1;
        McpInjector.cleanUp(lead == null ? McpInjector.Injection.NONE : lead.mcp());
        String digest = SessionDigest.of(session, store.workers(session.id()), store.events(session.id()), reason);
        // An agent whose resume flag needs no id (Codex's resume --last) continues the newest
        // conversation in the lead's worktree.
        String known = launcher.conversation(agent, workDir, rt.leadAgentSessionId()).orElse(null);
        boolean resume = AgentLauncher.canResume(agent.profile(), known);
        String prompt = resume ? "[agentorchestr] " + digest
                : LeadPrompt.build(supervisor.context().preamble().text(), session.integrationBranch(), rt.maxWorkers(),
                SessionDirectories.goalOf(session), digest, supervisor.spawner().skills().available(), server.leadTools(),
                supervisor.perspectives());
        supervisor.leadReplaced();
        launcher.launch(session, workDir, agent, server, new LeadLauncher.Plan(prompt, resume,
                resume ? known : null, launch, place), this::started);
        supervisor.leadActivity().prompted();
        store.append(session.id(), new SessionEvent.LeadRelaunched(launch, lead.pane().id(), resume
                ? "conversation resumed" : "fresh lead with a digest", reason));
    }

    /** Recorded before the agent is let go (see {@link LeadLauncher#launch}). */
    private void started(LeadLauncher.Lead l) {
        lead = l;
        lastSize = 0;
        lastOutput = Instant.now();
        supervisor.leadMoved(l.pane());
        supervisor.leadActivity().launched(l.launch());
        store.runtime(session.id()).ifPresent(rt -> store.saveRuntime(rt.withLead(l.agentSessionId(), l.pane().id(),
                l.launch())));
    }

    /** Empty while the lead is fine (or was just relaunched); the end of the goal when it cannot go on. */
    Optional<GoalEnd> check(Duration hungAfter) {
        Optional<PaneStatus> status = tmux.paneStatus(lead.pane());
        if (status.isEmpty() && !tmux.hasSession(session.tmuxSession())) {
            return Optional.of(supervisor.verdict().tmuxGoneEnd());
        }
        Optional<String> trouble = gone(status).or(() -> hung(hungAfter));
        if (trouble.isEmpty()) {
            return Optional.empty();
        }
        if (relaunchesThisRun >= 1) {
            return Optional.of(new GoalEnd(GoalEnd.Kind.LEAD_EXITED, "the lead " + trouble.get() + ", again after it was "
                    + "relaunched once; the session is resumable with --resume " + session.id()));
        }
        relaunchesThisRun++;
        needs.accept(trouble.get().endsWith("(hung)") ? Notice.Kind.HUNG : Notice.Kind.FAILED,
                "the lead " + trouble.get() + "; it is relaunched");
        supervisor.report("the lead " + trouble.get() + "; relaunching it");
        relaunch("the lead " + trouble.get(), new LeadLauncher.Place.Respawn(lead.pane()));
        return Optional.empty();
    }

    private Optional<String> gone(Optional<PaneStatus> status) {
        if (status.isPresent() && !status.get().dead()) {
            return Optional.empty();
        }
        Integer exit = GatedCommand.recordedExitStatus(GatedCommand.exitFileFor(lead.log()))
                .orElse(status.map(PaneStatus::deadStatus).orElse(null));
        return Optional.of("exited" + (exit == null ? "" : " (status " + exit + ")")
                + " without marking the goal done or failed");
    }

    private Optional<String> hung(Duration hungAfter) {
        long size;
        try {
            size = Files.size(lead.log());
        } catch (IOException e) {
            size = lastSize;
        }
        Instant now = Instant.now();
        if (size != lastSize) {
            lastSize = size;
            lastOutput = now;
            lookedWhileQuiet = false;
            asking = false;
            return Optional.empty();
        }
        lookForQuestion(now);
        if (asking) {
            return Optional.empty();
        }
        Instant quietSince = now.minus(hungAfter);
        if (lastOutput.isAfter(quietSince) || supervisor.leadActivity().activeSince(quietSince)) {
            return Optional.empty();
        }
        return Optional.of("printed nothing and called no tool for " + hungAfter.toSeconds() + " s (hung)");
    }

    /**
     * A lead that went quiet outside a tool call may be asking the person something (a permission
     * dialog, a question): its screen is read once per quiet spell, with its agent's markers.
     */
    private void lookForQuestion(Instant now) {
        Instant settled = now.minus(QUESTION_SETTLE);
        if (lookedWhileQuiet || lastOutput.isAfter(settled) || supervisor.leadActivity().activeSince(settled)) {
            return;
        }
        lookedWhileQuiet = true;
        String screen = AnsiText.strip(tmux.capturePane(lead.pane(), 0));
        ScreenMarkers markers = agent.profile().markers();
        asking = markers.classify(screen, true) == ScreenMarkers.State.WAITING;
        if (asking) {
            needs.accept(Notice.Kind.QUESTION, "the lead waits for your answer: "
                    + TerminalText.firstLine(markers.question(screen).orElse("see its pane"), 200));
        }
    }
}
