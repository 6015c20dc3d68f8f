package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.core.goal.MergeOutcome;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.VerifyResult;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes tool results take (maps, so agents see plain keys). */
final class Views {
    private Views() {
    }

    /** The one view of a worker ({@link WorkerView}), with what the session knows of it. */
    static Map<String, Object> worker(WorkerRecord w, Supervisor s) {
        WorkerView.Extras extras = new WorkerView.Extras(s.spawner().skillsOf(w.id()), s.board().lastProgress(w.id()),
                s.board().note(w.id()), s.spending().usage().of(w));
        return WorkerView.of(w, extras, ShownText.AS_WRITTEN);
    }

    static List<Map<String, Object>> workers(List<WorkerRecord> ws, Supervisor s) {
        return workers(ws, s, true);
    }

    /** Every worker; one whose results the lead cleared in one line, unless {@code full}. */
    static List<Map<String, Object>> workers(List<WorkerRecord> ws, Supervisor s, boolean full) {
        return ws.stream().map(w -> full || s.desk().absorbed().of(w.id()).isEmpty() ? worker(w, s) : cleared(w))
                .toList();
    }

    private static Map<String, Object> cleared(WorkerRecord w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker_id", w.id());
        m.put("state", w.state().label());
        m.put("merged", w.mergedCommit() != null);
        m.put("summary", io.agentorchestr.core.text.TerminalText.shortLine(w.summary()));
        m.put("cleared", true);
        return m;
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
