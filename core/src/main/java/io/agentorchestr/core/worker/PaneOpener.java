package io.agentorchestr.core.worker;

import io.agentorchestr.core.tmux.PaneLayout;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.agent.LaunchCommand;
import io.agentorchestr.core.agent.McpInjector;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.tmux.GatedCommand;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.tmux.PaneRef;
import io.agentorchestr.core.tmux.Tmux;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens a worker attempt's pane before its agent can start: gated, with its log attached, running
 * what its launch file says once released. A new worker's pane opens while git makes its worktree,
 * so a spawn costs about the longer of the two instead of their sum.
 */
final class PaneOpener {
    /** Where a worker attempt's files live and what its pane is called by. */
    /** @param label who works in the pane, for its border ("w01 · implementer · demo") */
    record Attempt(SessionRecord session, String workerId, String suffix, Path promptFile, Path log, Path worktree,
                   String label) {
        Path launchFile() {
            return Path.of(session.sessionDir()).resolve("env").resolve(workerId + suffix + ".env");
        }
    }

    private final Tmux tmux;
    private final PaneRelease release;
    private final ExecutorService opening = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pane-open");
        t.setDaemon(true);
        return t;
    });

    PaneOpener(Tmux tmux, PaneRelease release) {
        this.tmux = tmux;
        this.release = release;
    }

    /** Opens the pane (the session's first, or one more) on another thread, log attached. */
    CompletableFuture<PaneRef> openAsync(Attempt a, boolean firstPane) {
        NewPane pane = gated(a);
        return CompletableFuture.supplyAsync(() -> {
            PanePlacer placer = new PanePlacer(tmux, PaneLayout.load(Path.of(a.session().sessionDir())));
            PaneRef ref = firstPane ? placer.openSession(a.session().tmuxSession(), pane)
                    : placer.addPane(a.session().tmuxSession(), pane);
            try {
                placer.label(ref, a.label());
                release.attach(ref, a.log());
            } catch (RuntimeException e) {
                tmux.killPane(ref);
                throw e;
            }
            return ref;
        }, opening);
    }

    /** Runs the attempt in {@code target} when it is still there (its last screen gives way), else in a new pane. */
    PaneRef reopen(Attempt a, PaneRef target) {
        NewPane pane = gated(a);
        PaneRef ref;
        if (target != null && tmux.paneStatus(target).isPresent()) {
            tmux.respawnPane(target, pane);
            ref = target;
        } else {
            ref = new PanePlacer(tmux, PaneLayout.load(Path.of(a.session().sessionDir()))).addPane(a.session().tmuxSession(), pane);
        }
        new PanePlacer(tmux).label(ref, a.label());
        release.attach(ref, a.log());
        return ref;
    }

    /** The pane of {@link #openAsync}, or its failure as it was thrown. */
    static PaneRef await(CompletableFuture<PaneRef> opened) {
        try {
            return opened.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Kills the pane of {@link #openAsync} if it opened (a later step of the spawn failed). */
    void close(CompletableFuture<PaneRef> opened) {
        PaneRef ref = opened.handle((r, e) -> r).join();
        if (ref != null) {
            tmux.killPane(ref);
        }
    }

    /** What the released wrapper runs: the agent's argv and environment (with MCP secrets) in its worktree. */
    static void writeLaunch(Attempt a, LaunchCommand launch, McpInjector.Injection injection) {
        Map<String, String> env = new LinkedHashMap<>(launch.env());
        env.putAll(injection.env());
        GatedCommand.writeLaunchFile(a.launchFile(), env, a.worktree(), launch.argv());
    }

    /**
     * The wrapper with no argv of its own (its launch file has it), started in the session directory:
     * the worktree may not exist yet. The environment here is what tmux shows; secrets are in the file.
     */
    private static NewPane gated(Attempt a) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(GatedCommand.ENV_FILE_ENV, a.launchFile().toString());
        env.put(GatedCommand.PROMPT_FILE_ENV, a.promptFile().toString());
        env.put(GatedCommand.EXIT_FILE_ENV, GatedCommand.exitFileFor(a.log()).toString());
        env.put(AgentStopper.SESSION_ENV, a.session().id());
        env.put(AgentStopper.WORKER_ENV, a.workerId());
        env.put("AGENTORCHESTR_DONE_FLAG", ControlFiles.doneFlag(a.worktree()).toString());
        return new NewPane(GatedCommand.wrap(List.of()), Path.of(a.session().sessionDir()), env);
    }
}
