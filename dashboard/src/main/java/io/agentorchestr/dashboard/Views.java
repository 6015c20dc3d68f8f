package io.agentorchestr.dashboard;

import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.core.model.SessionView;
import io.agentorchestr.core.model.WorkerView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records as the API shows them. Every text that came from a user or an agent (goal, task, summary,
 * event data) has escapes and control characters removed here; the page then only ever sets it as text.
 */
final class Views {
    private Views() {
    }

    /** A session in a list: status (with "abandoned" for a running session no process drives), counts. */
    static Map<String, Object> session(SessionRecord s, String status, Map<String, Integer> workerStates) {
        Map<String, Object> m = new LinkedHashMap<>(SessionView.of(s, status, ShownText.PRINTABLE));
        int total = 0;
        int done = 0;
        int running = 0;
        for (Map.Entry<String, Integer> e : workerStates.entrySet()) {
            total += e.getValue();
            WorkerState state = WorkerState.fromLabel(e.getKey());
            if (state == WorkerState.DONE) {
                done += e.getValue();
            } else if (!state.terminal()) {
                running += e.getValue();
            }
        }
        m.put("worker_counts", Map.of("total", total, "done", done, "running", running));
        return m;
    }

    /** The one view of a worker ({@link WorkerView}), with what the store's events tell of it. */
    static Map<String, Object> worker(WorkerRecord w, String lastProgress, java.util.List<String> skills,
                                      Map<String, Object> usage) {
        return WorkerView.of(w, new WorkerView.Extras(skills, lastProgress, null, usage), ShownText.PRINTABLE);
    }

    static Map<String, Object> event(EventRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("session", e.sessionId());
        m.put("worker", e.workerId());
        m.put("at", str(e.at()));
        m.put("kind", e.kind());
        m.put("data", data(e.data()));
        return m;
    }

    /** The event's JSON with every string in it made safe; a row that is not JSON is shown as text. */
    static JsonNode data(String json) {
        try {
            return safe(Replies.JSON.readTree(json));
        } catch (java.io.IOException e) {
            return new TextNode(TerminalText.safe(json));
        }
    }

    private static JsonNode safe(JsonNode node) {
        if (node.isTextual()) {
            return new TextNode(TerminalText.safe(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(safe(f.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, safe(node.get(i)));
            }
        }
        return node;
    }

    static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
