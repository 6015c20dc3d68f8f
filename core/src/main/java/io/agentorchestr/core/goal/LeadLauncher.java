package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentLauncher;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.ConversationFinder;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.agent.LaunchCommand;
import io.agentorchestr.core.agent.LaunchRequest;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.config.LeadConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.text.StrictUtf8;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.session.SessionDirectories;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.worker.PromptDelivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Starts the lead agent in its pane with its MCP configuration: the first time in a new tmux session,
 * later (relaunch after a death or hang, resume after a crash) in place of its old pane or in a new
 * window. A relaunch continues the lead's conversation with its agent's resume flag where it can,
 * else starts a fresh lead with a digest of the session.
 */
public final class LeadLauncher {
    static final String LEAD_WINDOW = "lead";

    private final Tmux tmux;
    private final Git git;
    private final FirstRunDialogs dialogs;
    private final ConversationFinder conversations;
    private final Consumer<String> progress;

    LeadLauncher(Tmux tmux, Git git, FirstRunDialogs dialogs, ConversationFinder conversations,
                 Consumer<String> progress) {
        this.tmux = tmux;
        this.git = git;
        this.dialogs = dialogs;
        this.conversations = conversations;
        this.progress = progress;
    }

    /** The lead's conversation to resume in {@code workDir}: {@code stored}, or the one its agent lists there. */
    Optional<String> conversation(DetectedAgent agent, Path workDir, String stored) {
        return conversations.find(agent.profile(), agent.binary(), workDir, stored);
    }

    /** A running lead: where it is, what it prints to, its MCP files, its conversation id. */
    record Lead(PaneRef pane, Path log, McpInjector.Injection mcp, String agentSessionId, int launch) {
    }

    /** Where the lead goes: a new tmux session, in place of an existing pane, or a new window. */
    sealed interface Place {
        record NewSession() implements Place {
        }

        record Respawn(PaneRef pane) implements Place {
        }

        record NewWindow() implements Place {
        }
    }

    /**
     * What to start.
     *
     * @param prompt         the first prompt, or for a resumed conversation the message it gets on return
     * @param resume         continue the lead's conversation with its agent's resume flag
     * @param resumeSession  the conversation to continue, or null when the flag needs no id
     * @param launch         which launch of the lead this is (1 for the first)
     */
    record Plan(String prompt, boolean resume, String resumeSession, int launch, Place place) {
    }

    /**
     * @param placed told the lead once its pane exists, before the agent is let go: what is recorded
     *               then is true for whatever the agent does next, even if we die before it is let go
     */
    Lead launch(SessionRecord session, Path workDir, DetectedAgent agent, ToolServer server, Plan plan,
                Consumer<Lead> placed) {
        String prompt = plan.prompt();
        boolean resume = plan.resume();
        int launch = plan.launch();
        Path sessionDir = Path.of(session.sessionDir());
        String name = launch == 1 ? "lead" : "lead-" + launch;
        Path promptFile = sessionDir.resolve("prompts").resolve(name + ".md");
        Path log = sessionDir.resolve("logs").resolve(name + ".log");
        write(promptFile, prompt);
        write(log, "");
        if (agent.profile().mcp().file() != null) {
            git.exclude(Path.of(session.project()), "/" + agent.profile().mcp().file());
        }
        List<String> launchArgs = new java.util.ArrayList<>(dialogs.preAccept(agent.profile(),
                Path.of(session.project()), List.of(workDir)));
        McpInjector.Injection mcp = new McpInjector().inject(agent.profile(), server.leadAccess(), sessionDir, workDir,
                "lead");
        launchArgs.addAll(mcp.args());
        String agentSessionId = resume ? plan.resumeSession()
                : agent.profile().sessionIdArgs().isEmpty() ? null : UUID.randomUUID().toString();
        LaunchCommand command = AgentLauncher.build(agent.profile(), agent.binary(),
                new LaunchRequest(true, promptFile, agentSessionId, resume), launchArgs);
        Map<String, String> env = new LinkedHashMap<>(command.env());
        if (!mcp.env().isEmpty()) {
            Path envFile = sessionDir.resolve("env").resolve(name + ".env");
            GatedCommand.writeSecretEnv(envFile, mcp.env());
            env.put(GatedCommand.ENV_FILE_ENV, envFile.toString());
        }
        env.put(GatedCommand.PROMPT_FILE_ENV, promptFile.toString());
        env.put(GatedCommand.EXIT_FILE_ENV, GatedCommand.exitFileFor(log).toString());
        env.put(AgentStopper.SESSION_ENV, session.id());
        NewPane pane = new NewPane(GatedCommand.wrap(command.argv()), workDir, env);
        long listings = server.toolListings(ToolServer.LEAD);
        PaneRef ref = place(session, plan.place(), pane);
        new PanePlacer(tmux).label(ref, "lead · " + agent.profile().key());
        tmux.setWindowOption(ref.id(), "remain-on-exit", "on");
        tmux.pipePaneTo(ref, log);
        Lead lead = new Lead(ref, log, mcp, agentSessionId, launch);
        placed.accept(lead);
        GatedCommand.release(tmux, ref);
        if (command.pastePrompt()) {
            deliverWhenToolsListed(server, listings, ref, agent, prompt, LeadConfig.toolsTimeout(Path.of(session.project())));
        }
        progress.accept("lead (" + agent.profile().key() + (resume ? ", conversation resumed" : "") + ") started in "
                + "pane " + ref.id() + " of tmux session " + session.tmuxSession());
        return lead;
    }

    private PaneRef place(SessionRecord session, Place place, NewPane pane) {
        if (place instanceof Place.Respawn r) {
            tmux.respawnPane(r.pane(), pane);
            return r.pane();
        }
        if (place instanceof Place.NewWindow) {
            return tmux.newWindow(session.tmuxSession(), LEAD_WINDOW, pane);
        }
        return new PanePlacer(tmux, SessionDirectories.layoutOf(session)).openSession(session.tmuxSession(), pane);
    }

    /** The prompt goes in once this launch of the lead can use its tools and its input box is ready. */
    private void deliverWhenToolsListed(ToolServer server, long seen, PaneRef pane, DetectedAgent lead,
                                        String prompt, Duration timeout) {
        try {
            if (!server.awaitTools(ToolServer.LEAD, seen, timeout)) {
                progress.accept("the lead has not listed its MCP tools after " + timeout.toSeconds()
                        + " s; giving it the goal anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        new PromptDelivery(tmux).deliverWhenReady(pane, lead.profile().markers(), prompt);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, StrictUtf8.encode("the lead's prompt", text));
        } catch (IOException e) {
            throw AgentorchestrException.error(FileTrouble.describe("cannot write the lead's files", e), e);
        }
    }
}
