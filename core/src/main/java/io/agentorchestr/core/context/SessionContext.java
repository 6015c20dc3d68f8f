package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.hooks.HookRun;
import io.agentorchestr.core.hooks.Hooks;
import io.agentorchestr.core.memory.Episode;
import io.agentorchestr.core.memory.Memory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a session takes from its project's {@code .agentorchestr/} and the user's global files: the
 * preamble of every prompt, the hooks, and the memory (null when the session runs without one). One
 * per session, made once it has an id; closed when it ends.
 */
public record SessionContext(Preamble preamble, Hooks hooks, Memory memory, ContextBudgets budgets,
                             Consumer<String> progress) implements AutoCloseable {
    public static final SessionContext NONE = new SessionContext(Preamble.NONE, Hooks.none(), null,
            ContextBudgets.DEFAULT, line -> { });

    /** Runs a {@code pre_*} event's hooks; the run that refused the action, if one did. */
    public Optional<HookRun> check(HookEvent event, Map<String, ?> fields) {
        return hooks.check(event, fields);
    }

    /** Runs the hooks of an event that refuses nothing, in the background. */
    public void fire(HookEvent event, Map<String, ?> fields) {
        hooks.fire(event, fields);
    }

    /**
     * The notes that match a worker's task, as a prompt section within the memory budget; empty when
     * none matches. A broken index costs the worker its notes, never its start.
     */
    public String notesFor(String task) {
        if (memory == null) {
            return "";
        }
        try {
            return memory.forPrompt(task, budgets.memoryChars(), budgets.memoryNotes());
        } catch (RuntimeException e) {
            progress.accept("no notes from memory for a worker: " + e.getMessage());
            return "";
        }
    }

    /** Writes the ended session's episode into memory; where, or empty when it could not. */
    public Optional<Path> writeEpisode(Episode episode) {
        if (memory == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(memory.write(episode));
        } catch (RuntimeException e) {
            progress.accept("the session's episode was not written to memory: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Waits for the hooks still running, and lets go of the memory index. */
    @Override
    public void close() {
        hooks.close();
        if (memory != null) {
            memory.close();
        }
    }
}
