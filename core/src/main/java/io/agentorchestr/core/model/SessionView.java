package io.agentorchestr.core.model;

import io.agentorchestr.core.text.TerminalText;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A session as every reader outside the engine sees it, with one set of field names: the CLI's
 * {@code --list-sessions --json} and the dashboard's API (each adds what only it knows: whether the
 * session can resume, its workers, their counts). Text as written ({@link #of}), or made safe to print
 * ({@link #printable}), as for {@link WorkerView}.
 *
 * @see WorkerView
 */
public final class SessionView {
    private SessionView() {
    }

    /** @param status the session's status as shown ("abandoned" for a running session no process drives) */
    public static Map<String, Object> of(SessionRecord s, String status) {
        return view(s, status, text -> text);
    }

    public static Map<String, Object> printable(SessionRecord s, String status) {
        return view(s, status, TerminalText::safe);
    }

    private static Map<String, Object> view(SessionRecord s, String status, UnaryOperator<String> text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", status);
        m.put("mode", s.mode());
        m.put("goal", shown(s.goal(), text));
        m.put("project", shown(s.project(), text));
        m.put("lead_agent", s.leadAgent());
        m.put("agents", s.agents());
        m.put("base_commit", s.baseCommit());
        m.put("integration_branch", s.integrationBranch());
        m.put("tmux_session", s.tmuxSession());
        m.put("summary", shown(s.summary(), text));
        m.put("created_at", s.createdAt() == null ? null : s.createdAt().toString());
        m.put("ended_at", s.endedAt() == null ? null : s.endedAt().toString());
        Instant end = s.endedAt() != null ? s.endedAt() : s.status() == SessionStatus.RUNNING ? Instant.now()
                : s.updatedAt();
        m.put("duration_s", s.createdAt() == null || end == null ? null
                : Math.max(0, Duration.between(s.createdAt(), end).toSeconds()));
        return m;
    }

    private static String shown(String value, UnaryOperator<String> text) {
        return value == null ? null : text.apply(value);
    }
}
