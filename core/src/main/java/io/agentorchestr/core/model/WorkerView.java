package io.agentorchestr.core.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker as every reader outside the engine sees it, with one set of field names: the MCP tools'
 * results, the dashboard's API and the CLI's {@code --json} (docs/tools.md, the dashboard's OpenAPI
 * document). What agents wrote (task, summary, progress, note) is shown as the reader needs
 * ({@link ShownText}).
 */
public final class WorkerView {
    /**
     * What the record does not hold, each null when the reader does not know it.
     *
     * @param skills       the skills given to the worker
     * @param lastProgress its last progress report
     * @param note         what the lead should know about it (an agent that stood in for another...)
     * @param usage        its tokens and cost as read from its agent's records (docs/cost.md)
     */
    public record Extras(List<String> skills, String lastProgress, String note, Map<String, Object> usage) {
        public static final Extras NONE = new Extras(null, null, null, null);

        public Extras(List<String> skills, String lastProgress, String note) {
            this(skills, lastProgress, note, null);
        }
    }

    private WorkerView() {
    }

    /** The view, with what agents wrote shown {@code text}. */
    public static Map<String, Object> of(WorkerRecord w, Extras extras, ShownText text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", w.id());
        m.put("state", w.state().label());
        m.put("finished", w.state().terminal());
        m.put("attempt", w.attempt());
        m.put("perspective", w.perspective());
        m.put("agent", w.agent());
        m.put("task", text.apply(w.task()));
        m.put("summary", text.apply(w.summary()));
        m.put("finished_by", w.signal());
        m.put("exit_status", w.exitStatus());
        m.put("branch", w.branch());
        m.put("worktree", w.worktree());
        m.put("pane", w.paneId());
        m.put("merged", w.mergedCommit() != null);
        m.put("merged_commit", w.mergedCommit());
        m.put("skills", extras.skills());
        m.put("last_progress", text.apply(extras.lastProgress()));
        m.put("note", text.apply(extras.note()));
        m.put("usage", extras.usage());
        m.put("created_at", time(w.createdAt()));
        m.put("ended_at", time(w.endedAt()));
        return m;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
