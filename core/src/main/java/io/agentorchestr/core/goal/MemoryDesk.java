package io.agentorchestr.core.goal;

import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.model.SessionRecord;

import java.util.List;

/** remember and recall for a session's lead and workers: the project's memory across sessions. */
public final class MemoryDesk {
    private final SessionRecord session;
    private final SessionContext context;
    private final TeamChannel team;

    MemoryDesk(SessionRecord session, SessionContext context, TeamChannel team) {
        this.session = session;
        this.context = context;
        this.team = team;
    }

    /** The lead's remember: adds {@code text} to the topic's note, for later sessions. */
    public Memory.Remembered rememberForLead(String topic, String text) {
        return remember("lead", topic, text);
    }

    /** A running worker's remember. */
    public Memory.Remembered rememberForWorker(String workerId, String topic, String text) {
        team.requireRunning(workerId);
        return remember(workerId, topic, text);
    }

    private Memory.Remembered remember(String author, String topic, String text) {
        try {
            return memory().remember(topic, text, author + " (session " + session.id() + ")");
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }

    /** recall: the project's notes (and the user's global ones) that best match {@code query}. */
    public List<MemoryHit> recall(String query, int k) {
        if (query == null || query.isBlank()) {
            throw new ToolError("query is empty; give the words to look for, like \"database migration\"");
        }
        try {
            return memory().recall(query, k);
        } catch (IllegalArgumentException e) {
            throw new ToolError(e.getMessage());
        }
    }

    /** The memory the notes are in, for showing where a note is. */
    public Memory memory() {
        if (context.memory() == null) {
            throw new ToolError("this session has no memory index (it was started without one)");
        }
        return context.memory();
    }
}
