package io.agentorchestr.cli;

import io.agentorchestr.core.goal.VerifyResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** A verify result as JSON, one shape for the lead's tool result and the goal's {@code --json} report. */
public final class VerifyView {
    private VerifyView() {
    }

    public static Map<String, Object> of(VerifyResult v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", v.passed());
        m.put("verified", v.verified());
        m.put("commands", v.commands().stream().map(c -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("command", c.command());
            r.put("exit_code", c.exitCode());
            r.put("seconds", c.millis() / 1000.0);
            r.put("timed_out", c.timedOut());
            if (!c.outputTail().isEmpty()) {
                r.put("output_tail", c.outputTail());
            }
            return r;
        }).toList());
        m.put("merged_now", v.merged());
        m.put("not_merged", v.unmerged());
        m.put("note", v.note());
        return m;
    }
}
