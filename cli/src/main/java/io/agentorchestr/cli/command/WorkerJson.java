package io.agentorchestr.cli.command;

import io.agentorchestr.core.model.WorkerRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** The --json shape of a worker, the same wherever workers are listed. */
final class WorkerJson {
    private WorkerJson() {
    }

    static Map<String, Object> of(WorkerRecord w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("attempt", w.attempt());
        m.put("perspective", w.perspective());
        m.put("agent", w.agent());
        m.put("state", w.state().label());
        m.put("summary", w.summary());
        m.put("signal", w.signal());
        m.put("exit_status", w.exitStatus());
        m.put("branch", w.branch());
        m.put("worktree", w.worktree());
        m.put("pane", w.paneId());
        return m;
    }
}
