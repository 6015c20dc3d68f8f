package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.worker.WarmAgent;
import io.agentorchestr.core.worker.WarmLaunch;
import io.agentorchestr.core.worker.WorkerId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * At most one warm agent ({@link WarmLaunch}) per agent kind the session has used: after a worker of
 * a kind starts, the next agent of that kind starts on a thread of its own, and the next spawn of the
 * kind takes it. Its worker id is held meanwhile, so no other worker gets it. Off with {@code [workers] warm = false}
 * or an agent's {@code warm = false}. Never left running: {@link #close} stops every one, and one
 * that was not taken gives its token back.
 */
final class WarmWorkers {
    private record Pending(WorkerId id, CompletableFuture<WarmAgent> agent) {
    }

    private final SessionRecord session;
    private final WarmLaunch launch;
    private final Function<String, Optional<McpAccess>> access;
    private final BiConsumer<String, String> revoke;
    private final Consumer<String> progress;
    private final boolean enabled;
    private final Map<String, Pending> byKind = new HashMap<>();
    private final ExecutorService starting = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "warm-agent");
        t.setDaemon(true);
        return t;
    });
    private boolean closed;

    WarmWorkers(SessionRecord session, WarmLaunch launch, Function<String, Optional<McpAccess>> access,
                BiConsumer<String, String> revoke, Consumer<String> progress, boolean enabled) {
        this.session = session;
        this.launch = launch;
        this.access = access;
        this.revoke = revoke;
        this.progress = progress;
        this.enabled = enabled;
    }

    /** The first id from {@code from} on that {@code free} allows and no warm agent holds. */
    synchronized WorkerId freeId(IntFunction<WorkerId> free, int from) {
        WorkerId id = free.apply(from);
        while (held(id)) {
            id = free.apply(id.number() + 1);
        }
        return id;
    }

    private boolean held(WorkerId id) {
        return byKind.values().stream().anyMatch(p -> p.id().equals(id));
    }

    /** Starts the next agent of {@code agent}'s kind as worker {@code id}, unless one is warm already. */
    synchronized void prepare(DetectedAgent agent, WorkerId id) {
        String kind = agent.profile().key();
        if (!enabled || closed || !agent.profile().warm() || byKind.containsKey(kind)) {
            return;
        }
        Optional<McpAccess> mcp = access.apply(id.toString());
        CompletableFuture<WarmAgent> started = CompletableFuture.supplyAsync(
                () -> launch.start(session, id, agent.profile(), agent.binary(), mcp), starting);
        started.whenComplete((w, e) -> {
            if (e != null) {
                revoke.accept(id.toString(), "its agent could not start ahead of its task");
                forget(kind, started);
                progress.accept("warning: a " + kind + " agent could not start ahead of the next worker's task ("
                        + TerminalText.shortLine(rootMessage(e)) + "); the next " + kind + " worker starts cold");
            }
        });
        byKind.put(kind, new Pending(id, started));
    }

    private synchronized void forget(String kind, CompletableFuture<WarmAgent> started) {
        Pending p = byKind.get(kind);
        if (p != null && p.agent() == started) {
            byKind.remove(kind);
        }
    }

    /**
     * The warm agent of {@code kind}, waited for when it is still starting (it began before this spawn,
     * so it is ready no later than a cold start would be, and the worker ids stay in spawn order);
     * empty when there is none, its start failed or its agent has exited since.
     */
    Optional<WarmAgent> take(String kind) {
        Pending p;
        synchronized (this) {
            p = byKind.remove(kind);
        }
        if (p == null) {
            return Optional.empty();
        }
        WarmAgent w;
        try {
            w = p.agent().join();
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
        if (!launch.alive(w)) {
            drop(w, "its agent exited before it had a task");
            return Optional.empty();
        }
        return Optional.of(w);
    }

    /** The worker id of the warm agent of {@code kind} when it is at its input (for what lists them). */
    synchronized Optional<WorkerId> ready(String kind) {
        Pending p = byKind.get(kind);
        return p != null && p.agent().isDone() && !p.agent().isCompletedExceptionally() ? Optional.of(p.id())
                : Optional.empty();
    }

    /** Stops a warm agent that will not be used (its task was refused, the session ends). */
    void drop(WarmAgent w, String why) {
        revoke.accept(w.id().toString(), why);
        launch.discard(session, w);
    }

    /** No more warm agents: every one started or starting is stopped. */
    void close() {
        List<Pending> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(byKind.values());
            byKind.clear();
        }
        // Interrupted, a warm agent still starting stops waiting for its screen and is stopped at once.
        starting.shutdownNow();
        for (Pending p : left) {
            try {
                drop(p.agent().join(), "the session stopped spawning");
            } catch (CompletionException | CancellationException e) {
                // its start failed: what it made was taken back then
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof CompletionException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
