package io.agentorchestr.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session as every reader outside the engine sees it, with one set of field names: the CLI's
 * {@code --list-sessions --json} and the dashboard's API (each adds what only it knows: whether the
 * session can resume, its workers, their counts). Text is shown as the reader needs ({@link ShownText}).
 *
 * @see WorkerView
 */
public final class SessionView {
    private SessionView() {
    }

    /**
     * @param status the session's status as shown ("abandoned" for a running session no process drives)
     * @param text   how what agents and users wrote (goal, summary) is shown
     */
    public static Map<String, Object> of(SessionRecord s, String status, ShownText text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", status);
        m.put("mode", s.mode());
        m.put("goal", text.apply(s.goal()));
        m.put("project", text.apply(s.project()));
        m.put("lead_agent", s.leadAgent());
        m.put("agents", s.agents());
        m.put("base_commit", s.baseCommit());
        m.put("integration_branch", s.integrationBranch());
        m.put("tmux_session", s.tmuxSession());
        m.put("summary", text.apply(s.summary()));
        m.put("created_at", s.createdAt() == null ? null : s.createdAt().toString());
        m.put("ended_at", s.endedAt() == null ? null : s.endedAt().toString());
        Instant end = s.endedAt() != null ? s.endedAt() : s.status() == SessionStatus.RUNNING ? Instant.now()
                : s.updatedAt();
        m.put("duration_s", s.createdAt() == null || end == null ? null
                : Math.max(0, Duration.between(s.createdAt(), end).toSeconds()));
        return m;
    }
}
