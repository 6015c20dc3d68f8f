package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookRun;
import io.agentorchestr.core.hooks.HookSet;
import io.agentorchestr.core.hooks.Hooks;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.store.StateStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A project's context files and hooks, read and checked before a session starts: a bad hooks file or
 * setting stops the run there, before anything is created.
 */
public record ProjectFiles(Path root, Preamble preamble, HookSet hooks) {

    public static ProjectFiles load(Path configDir, Path root) {
        return new ProjectFiles(root, Preamble.load(configDir, root), HookSet.load(configDir, root));
    }

    /**
     * The session's context: every hook run goes to its event log, and one that failed or refused is
     * also told on the terminal.
     */
    public SessionContext forSession(String sessionId, String mode, ProcessRunner runner, StateStore store,
                                     Consumer<String> progress) {
        Consumer<HookRun> log = run -> {
            store.append(sessionId, new SessionEvent.HookRan(run.hook().event().key(), run.hook().command(),
                    run.hook().source().toString(), run.worker(), run.exitCode(), run.timedOut(), run.durationMs(),
                    run.vetoed(), run.stderr()));
            if (run.vetoed()) {
                progress.accept(run.reason());
            } else if (!run.ok()) {
                progress.accept("the " + run.hook().event().key() + " hook `" + run.hook().command() + "` failed ("
                        + (run.timedOut() ? "timed out" : "exit " + run.exitCode()) + ")"
                        + (run.stderr().isBlank() ? "" : ": " + run.stderr().lines().findFirst().orElse("")));
            }
        };
        return new SessionContext(preamble, new Hooks(hooks, runner, root,
                Map.of("session_id", sessionId, "mode", mode), log));
    }
}
