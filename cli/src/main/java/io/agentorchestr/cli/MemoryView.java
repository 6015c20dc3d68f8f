package io.agentorchestr.cli;

import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.core.model.MemoryHit;

import java.util.LinkedHashMap;
import java.util.Map;

/** A memory hit as recall() and --memory-search --json show it. */
public final class MemoryView {
    private MemoryView() {
    }

    public static Map<String, Object> of(Memory memory, MemoryHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", memory.display(h.file()));
        m.put("path", h.file().toString());
        m.put("title", h.title());
        m.put("kind", h.kind());
        m.put("scope", h.scope());
        m.put("modified", h.modified().toString());
        m.put("score", Math.round(h.score() * 1000) / 1000.0);
        m.put("snippet", h.snippet());
        return m;
    }
}
