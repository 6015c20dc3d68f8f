package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookRun;
import io.agentorchestr.core.hooks.HookSet;
import io.agentorchestr.core.hooks.Hooks;
import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.core.model.MemoryIndex;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.StateStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A project's context files and hooks, read and checked before a session starts: a bad hooks file or
 * setting stops the run there, before anything is created.
 */
public record ProjectFiles(Path root, Preamble preamble, HookSet hooks, ContextBudgets budgets) {

    public static ProjectFiles load(Path configDir, Path root) {
        ContextBudgets budgets = ContextBudgets.load(root);
        return new ProjectFiles(root, Preamble.load(configDir, root, budgets), HookSet.load(configDir, root), budgets);
    }

    /**
     * The session's context: every hook run goes to its event log, and one that failed or refused is
     * also told on the terminal.
     */
    public SessionContext forSession(String sessionId, String mode, ProcessRunner runner, StateStore store,
                                     MemorySource memories, Consumer<String> progress) {
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
        Hooks h = new Hooks(hooks, runner, root, Map.of("session_id", sessionId, "mode", mode), log);
        MemoryIndex index = memories.index();
        Memory memory = index == null ? null : new Memory(index, root, memories.globalDir());
        return new SessionContext(preamble, h, memory, budgets, progress);
    }

    /** Where a session's memory comes from: the index (null for none) and the global notes' directory. */
    public interface MemorySource {
        MemorySource NONE = new MemorySource() {
            @Override
            public MemoryIndex index() {
                return null;
            }

            @Override
            public Path globalDir() {
                return Path.of("/nonexistent");
            }
        };

        /** A new connection to the index, closed with the session. */
        MemoryIndex index();

        Path globalDir();
    }
}
