package io.agentorchestr.core.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.text.TerminalText;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session's hooks at work. Each command runs through {@code sh -c} in the project root, with the
 * event as JSON on stdin (see docs/hooks.md for each event's fields), {@code AGENTORCHESTR_*}
 * variables, and a timeout. {@code pre_*} hooks run on the caller's thread, in order, and the first
 * that fails (non-zero exit or timeout) refuses the action; the others run in order on a thread of
 * their own, so a slow hook never holds up the session. Every run is passed to the session's log.
 */
public final class Hooks implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int STDERR_TAIL = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HookSet set;
    private final ProcessRunner runner;
    private final Path projectRoot;
    private final Map<String, String> session;
    private final Consumer<HookRun> log;
    private final ExecutorService after;

    /**
     * @param session what every event carries: session_id, mode (auto or manual)
     * @param log     receives every run (the session's event log)
     */
    public Hooks(HookSet set, ProcessRunner runner, Path projectRoot, Map<String, String> session,
                 Consumer<HookRun> log) {
        this.set = set;
        this.runner = runner;
        this.projectRoot = projectRoot;
        this.session = Map.copyOf(session);
        this.log = log;
        this.after = set.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hooks");
            t.setDaemon(true);
            return t;
        });
    }

    /** No hooks: every check passes and nothing runs. */
    public static Hooks none() {
        return new Hooks(HookSet.NONE, null, Path.of("."), Map.of(), run -> { });
    }

    /**
     * Runs the hooks of a {@code pre_*} event now; the first that fails refuses the action.
     *
     * @return the run that refused it, if one did
     */
    public Optional<HookRun> check(HookEvent event, Map<String, ?> fields) {
        if (!event.vetoes()) {
            throw new IllegalArgumentException(event.key() + " cannot refuse anything; fire it");
        }
        for (HookCommand hook : set.of(event)) {
            HookRun run = run(hook, fields, true);
            if (run.vetoed()) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** Runs the hooks of an event that refuses nothing, in order, on the hooks thread. */
    public void fire(HookEvent event, Map<String, ?> fields) {
        if (event.vetoes()) {
            throw new IllegalArgumentException(event.key() + " can refuse its action; check it");
        }
        if (set.of(event).isEmpty()) {
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        try {
            after.execute(() -> set.of(event).forEach(hook -> run(hook, copy, false)));
        } catch (RejectedExecutionException e) {
            // Closed: the session is over, and its last hooks ran in close().
        }
    }

    /** Waits for hooks fired and still running (each is bounded by its timeout). */
    @Override
    public void close() {
        if (after == null) {
            return;
        }
        after.shutdown();
        try {
            if (!after.awaitTermination(set.timeout().toMillis() * 4 + 5_000, TimeUnit.MILLISECONDS)) {
                after.shutdownNow();
            }
        } catch (InterruptedException e) {
            after.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private HookRun run(HookCommand hook, Map<String, ?> fields, boolean canVeto) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", hook.event().key());
        event.putAll(session);
        event.put("project", projectRoot.toString());
        event.put("at", Instant.now().toString());
        event.putAll(fields);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTORCHESTR_HOOK_EVENT", hook.event().key());
        env.put("AGENTORCHESTR_SESSION_ID", session.getOrDefault("session_id", ""));
        env.put("AGENTORCHESTR_MODE", session.getOrDefault("mode", ""));
        env.put("AGENTORCHESTR_PROJECT", projectRoot.toString());
        env.put("AGENTORCHESTR_HOOKS_FILE", hook.source().toString());
        String worker = fields.get("worker_id") instanceof String w ? w : null;
        if (worker != null) {
            env.put("AGENTORCHESTR_WORKER_ID", worker);
        }
        HookRun run;
        try {
            ExecResult r = runner.run(ProcessSpec.of("sh", "-c", hook.command()).in(projectRoot).withEnv(env)
                    .withStdin(json(event)).withTimeout(set.timeout()).reapingStrays());
            run = new HookRun(hook, worker, r.exitCode(), r.timedOut(), r.duration().toMillis(),
                    tail(r.stderr()), canVeto && !r.ok());
        } catch (RuntimeException e) {
            // sh itself could not start (the project directory went away): the hook did not pass.
            run = new HookRun(hook, worker, -1, false, 0, "could not run it: " + e.getMessage(), canVeto);
        }
        log.accept(run);
        return run;
    }

    private static byte[] json(Map<String, Object> event) {
        try {
            return (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a hook event is plain data and always serializes", e);
        }
    }

    private static String tail(String stderr) {
        String safe = TerminalText.safe(stderr).strip();
        return safe.length() <= STDERR_TAIL ? safe : "..." + safe.substring(safe.length() - STDERR_TAIL);
    }
}
