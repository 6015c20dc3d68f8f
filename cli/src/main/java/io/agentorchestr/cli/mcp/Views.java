package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.goal.MergeOutcome;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.VerifyResult;
import io.agentorchestr.core.model.WorkerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes tool results take (maps, so agents see plain keys). */
final class Views {
    private Views() {
    }

    static Map<String, Object> worker(WorkerRecord w, Supervisor s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", w.id());
        m.put("state", w.state().label());
        m.put("attempt", w.attempt());
        m.put("perspective", w.perspective());
        m.put("agent", w.agent());
        m.put("task", w.task());
        m.put("summary", w.summary());
        m.put("finished_by", w.signal());
        m.put("exit_status", w.exitStatus());
        m.put("branch", w.branch());
        m.put("merged", w.mergedCommit() != null);
        m.put("skills", s.skillsOf(w.id()));
        String note = s.note(w.id());
        if (note != null) {
            m.put("note", note);
        }
        String progress = s.lastProgress(w.id());
        if (progress != null) {
            m.put("last_progress", progress);
        }
        return m;
    }

    static List<Map<String, Object>> workers(List<WorkerRecord> ws, Supervisor s) {
        return ws.stream().map(w -> worker(w, s)).toList();
    }

    static Map<String, Object> merge(MergeOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", o.worker());
        m.put("merged", o.merged());
        m.put("commit", o.commit());
        m.put("conflicts", o.conflicts());
        m.put("message", o.message());
        return m;
    }

    static Map<String, Object> verify(VerifyResult v) {
        return io.agentorchestr.cli.VerifyView.of(v);
    }
}
