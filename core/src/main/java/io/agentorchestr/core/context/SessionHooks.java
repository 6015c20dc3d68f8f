package io.agentorchestr.core.context;

import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.memory.Episode;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a session, in goal and manual mode alike: on_pause for a pause (the session is not
 * over); else its episode goes into memory, then on_failure for a failed one and post_session. Then
 * the context is closed: the hooks still running are waited for, so they are done before the run
 * exits.
 */
public final class SessionHooks {
    private SessionHooks() {
    }

    /**
     * @param integrationBranch null in manual mode
     * @param verifyPassed      the last verify's result, null when none ran
     * @param verifyRuns        one line per command of the last verify
     */
    public static void ended(SessionContext context, SessionRecord s, List<WorkerRecord> workers,
                             String integrationBranch, Boolean verifyPassed, List<String> verifyRuns) {
        if (s.status() == SessionStatus.PAUSED || s.status() == SessionStatus.INTERRUPTED) {
            context.fire(HookEvent.ON_PAUSE, Map.of("status", s.status().label(), "reason", text(s.summary())));
            context.close();
            return;
        }
        context.writeEpisode(new Episode(s, workers, verifyPassed, verifyRuns))
                .ifPresent(f -> context.progress().accept("what this session did is in memory: " + f));
        if (s.status() == SessionStatus.FAILED) {
            context.fire(HookEvent.ON_FAILURE, Map.of("scope", "session", "reason", text(s.summary())));
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("status", s.status().label());
        end.put("summary", s.summary());
        end.put("goal", s.goal());
        end.put("integration_branch", integrationBranch);
        end.put("verify_passed", verifyPassed);
        end.put("duration_s", s.endedAt() == null ? null : Duration.between(s.createdAt(), s.endedAt()).toSeconds());
        end.put("workers", workers.stream().map(SessionHooks::worker).toList());
        context.fire(HookEvent.POST_SESSION, end);
        context.close();
    }

    private static Map<String, Object> worker(WorkerRecord w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", w.id());
        m.put("state", w.state().label());
        m.put("agent", w.agent());
        m.put("branch", w.branch());
        m.put("merged_commit", w.mergedCommit());
        m.put("summary", w.summary());
        return m;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
