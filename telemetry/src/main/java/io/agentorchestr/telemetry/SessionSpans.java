package io.agentorchestr.telemetry;

import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.WorkerState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's events as spans: one per session (the root; a resume starts another), one per worker's
 * life (spawned to its end), and one per spawn, merge, verify, tool call and hook, children of the
 * session's span, timed by the durations the events carry. Events come after what they tell of, so
 * every span is made with its own start and end times.
 */
final class SessionSpans {
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("agentorchestr.session.id");
    static final AttributeKey<String> WORKER_ID = AttributeKey.stringKey("agentorchestr.worker.id");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

    private final Tracer tracer;
    private final SessionMetrics metrics;
    private final Map<String, Span> sessions = new ConcurrentHashMap<>();
    private final Map<String, Span> workers = new ConcurrentHashMap<>();

    SessionSpans(Tracer tracer, SessionMetrics metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
    }

    void on(String sessionId, SessionEvent event, Instant at) {
        if (event instanceof SessionEvent.SessionStarted s) {
            AttributesBuilder b = Attributes.builder().put("agentorchestr.mode", s.mode())
                    .put("agentorchestr.project", s.project());
            if (s.agent() != null) {
                b.put(AGENT, s.agent());
            }
            startSession(sessionId, at, b.build());
        } else if (event instanceof SessionEvent.SessionResumed) {
            startSession(sessionId, at, Attributes.of(AttributeKey.booleanKey("agentorchestr.resumed"), true));
        } else if (event instanceof SessionEvent.SessionEnded e) {
            endSession(sessionId, e.status(), at);
        } else if (event instanceof SessionEvent.WorkerSpawned w) {
            spawned(sessionId, w, at);
        } else if (event instanceof SessionEvent.WorkerStateChanged c) {
            stateChanged(sessionId, c, at);
        } else if (event instanceof SessionEvent.WorkerMerged m) {
            child(sessionId, "agentorchestr.merge", at, m.durationMs(), Attributes.of(WORKER_ID, m.worker(),
                    AttributeKey.stringKey("agentorchestr.merge.commit"), m.commit()), null);
        } else if (event instanceof SessionEvent.MergeConflict m) {
            child(sessionId, "agentorchestr.merge", at, m.durationMs(), Attributes.of(WORKER_ID, m.worker(),
                    AttributeKey.stringArrayKey("agentorchestr.merge.conflicts"), m.files()), "merge conflict");
        } else if (event instanceof SessionEvent.VerifyRan v) {
            child(sessionId, "agentorchestr.verify", at, v.durationMs(), Attributes.of(
                    AttributeKey.booleanKey("agentorchestr.verify.passed"), v.passed()), v.passed() ? null : v.summary());
        } else if (event instanceof SessionEvent.ToolCalled t) {
            toolCalled(sessionId, t, at);
        } else if (event instanceof SessionEvent.HookRan h) {
            child(sessionId, "agentorchestr.hook", at, h.durationMs(), hookAttributes(h),
                    h.exitCode() == 0 && !h.timedOut() ? null : "the hook " + (h.timedOut() ? "timed out" : "exited "
                            + h.exitCode()));
        }
    }

    private void startSession(String sessionId, Instant at, Attributes attributes) {
        sessions.computeIfAbsent(sessionId, id -> tracer.spanBuilder("agentorchestr.session").setNoParent()
                .setStartTimestamp(at).setAllAttributes(attributes).setAttribute(SESSION_ID, id).startSpan());
        metrics.follow(sessionId);
    }

    private void endSession(String sessionId, String status, Instant at) {
        workers.keySet().removeIf(key -> {
            if (key.startsWith(sessionId + "/")) {
                workers.get(key).setAttribute("agentorchestr.worker.state", "running at the session's end").end(at);
                return true;
            }
            return false;
        });
        Span s = sessions.remove(sessionId);
        if (s != null) {
            s.setAttribute("agentorchestr.session.status", status);
            s.end(at);
        }
    }

    private void spawned(String sessionId, SessionEvent.WorkerSpawned w, Instant at) {
        Attributes attributes = Attributes.of(WORKER_ID, w.worker(), AGENT, w.agent(),
                AttributeKey.stringKey("agentorchestr.worker.branch"), w.branch());
        child(sessionId, "agentorchestr.spawn", at, w.durationMs(), attributes, null);
        workers.put(sessionId + "/" + w.worker(), tracer.spanBuilder("agentorchestr.worker").setParent(parent(sessionId))
                .setStartTimestamp(at).setAllAttributes(attributes).setAttribute(SESSION_ID, sessionId).startSpan());
    }

    private void stateChanged(String sessionId, SessionEvent.WorkerStateChanged c, Instant at) {
        WorkerState to;
        try {
            to = WorkerState.fromLabel(c.to());
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!to.terminal()) {
            return;
        }
        Span span = workers.remove(sessionId + "/" + c.worker());
        if (span == null) {
            return;
        }
        span.setAttribute("agentorchestr.worker.state", to.label());
        metrics.usageOf(sessionId, c.worker()).ifPresent(u -> {
            span.setAttribute("gen_ai.usage.input_tokens", u.input() + u.cacheWrite() + u.cacheRead());
            span.setAttribute("gen_ai.usage.output_tokens", u.output());
            if (u.model() != null) {
                span.setAttribute("gen_ai.response.model", u.model());
            }
        });
        if (to != WorkerState.DONE) {
            span.setStatus(StatusCode.ERROR, c.reason() == null ? to.label() : c.reason());
        }
        span.end(at);
    }

    private void toolCalled(String sessionId, SessionEvent.ToolCalled t, Instant at) {
        child(sessionId, "execute_tool " + t.tool(), at, t.durationMs(), Attributes.of(OPERATION, "execute_tool", TOOL,
                t.tool(), AttributeKey.stringKey("agentorchestr.caller"), t.caller()), t.error() ? t.result() : null);
        metrics.toolCalled(t.tool(), t.error(), t.durationMs());
    }

    private static Attributes hookAttributes(SessionEvent.HookRan h) {
        AttributesBuilder b = Attributes.builder().put("agentorchestr.hook.event", h.event())
                .put("agentorchestr.hook.command", h.command()).put("agentorchestr.hook.exit_code", h.exitCode())
                .put("agentorchestr.hook.vetoed", h.vetoed());
        if (h.worker() != null) {
            b.put(WORKER_ID, h.worker());
        }
        return b.build();
    }

    private void child(String sessionId, String name, Instant end, long durationMs, Attributes attributes,
                       String error) {
        Span span = tracer.spanBuilder(name).setParent(parent(sessionId))
                .setStartTimestamp(end.minus(Duration.ofMillis(Math.max(0, durationMs)))).setAllAttributes(attributes)
                .setAttribute(SESSION_ID, sessionId).startSpan();
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error);
        }
        span.end(end);
    }

    /** The session's span; a session first seen mid-way (its start was before this run) gets one now. */
    private Context parent(String sessionId) {
        Span session = sessions.get(sessionId);
        if (session == null) {
            startSession(sessionId, Instant.now(), Attributes.empty());
            session = sessions.get(sessionId);
        }
        return Context.root().with(session);
    }

    /** Every span still open, ended: the orchestrator stops (a pause, a crash being handled, the end). */
    void endAll(Instant at) {
        for (String id : sessions.keySet()) {
            endSession(id, "stopped", at);
        }
    }
}
