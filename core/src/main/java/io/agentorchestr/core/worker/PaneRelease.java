package io.agentorchestr.core.worker;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.agent.ToolListings;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Lets a gated worker's agent start, and gives a pasted prompt only once the agent can act on it: its
 * MCP client has listed its tools (when it has one) and its input is ready.
 */
final class PaneRelease {
    private static final Duration TOOLS_TIMEOUT = Duration.ofSeconds(60);

    private final Tmux tmux;
    private final PromptDelivery delivery;
    private volatile ToolListings listings;

    PaneRelease(Tmux tmux) {
        this.tmux = tmux;
        this.delivery = new PromptDelivery(tmux);
    }

    void listenTo(ToolListings serverListings) {
        this.listings = serverListings;
    }

    /** Whose tool listings to wait for before a pasted prompt, and how many there were before this launch. */
    record Ready(String owner, long seen) {
    }

    /** Taken before the agent starts, so a listing it makes at once is not missed; null: nothing to wait for. */
    Ready ready(String id, McpInjector.Injection injection) {
        ToolListings l = listings;
        return l == null || injection.equals(McpInjector.Injection.NONE) ? null : new Ready(id, l.toolListings(id));
    }

    /** Keeps the pane once its agent exits, and its output in {@code log}: before the agent can start. */
    void attach(PaneRef ref, Path log) {
        // remain-on-exit keeps a dead pane (and its exit status) readable; set before the agent can exit.
        tmux.setWindowOption(ref.id(), "remain-on-exit", "on");
        tmux.pipePaneTo(ref, log);
    }

    /** Lets the attached pane's agent start; pastes {@code pastePrompt} (when not null) once it is ready. */
    void release(PaneRef ref, String pastePrompt, AgentProfile agent, Ready ready) {
        GatedCommand.release(tmux, ref);
        if (pastePrompt != null && awaitTools(ready)) {
            delivery.deliverWhenReady(ref, agent.markers(), pastePrompt);
        }
    }

    /**
     * Waits until the agent's MCP client has listed its tools, when it has one; not listed in time, the
     * prompt still goes in, and the done flag still works.
     *
     * @return false when interrupted
     */
    boolean awaitTools(Ready ready) {
        if (ready != null) {
            try {
                listings.awaitTools(ready.owner(), ready.seen(), TOOLS_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    PromptDelivery delivery() {
        return delivery;
    }
}
