package io.agentorchestr.core.goal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * clear_tool_results: the workers whose results the lead has absorbed, each with a mark (how much of its
 * pane log there was, its branch's head). From then on the tools give such a worker's one-line summary
 * and only what came after the mark, unless asked for in full. Marks are events, so a resumed session
 * keeps them.
 */
public final class AbsorbedResults {
    /** What there was of a worker when the lead absorbed it. */
    public record Mark(long outputBytes, String head) {
    }

    private final SessionRecord session;
    private final StateStore store;
    private final WorkerBoard board;
    private final Integration integration;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    AbsorbedResults(SessionRecord session, StateStore store, WorkerBoard board, Integration integration) {
        this.session = session;
        this.store = store;
        this.board = board;
        this.integration = integration;
    }

    /**
     * Marks {@code ids} (empty: every worker that has ended) as absorbed as they are now; returns the
     * workers marked.
     */
    public List<String> clear(List<String> ids) {
        List<WorkerRecord> chosen = new ArrayList<>();
        if (ids.isEmpty()) {
            board.all().stream().filter(w -> w.state().terminal()).forEach(chosen::add);
        } else {
            ids.forEach(id -> chosen.add(board.get(id)));
        }
        List<String> cleared = new ArrayList<>();
        for (WorkerRecord w : chosen) {
            Mark m = new Mark(WorkerOutput.size(Path.of(w.logPath())), integration.head(w.branch()).orElse(null));
            marks.put(w.id(), m);
            store.append(session.id(), new SessionEvent.ResultsCleared(w.id(), m.outputBytes(), m.head()));
            cleared.add(w.id());
        }
        return cleared;
    }

    public Optional<Mark> of(String id) {
        return Optional.ofNullable(marks.get(id));
    }

    /** The marks a session made before it was resumed. */
    void restore(List<EventRecord> events) {
        for (EventRecord e : events) {
            JsonNode d = e.json();
            // A mark that cannot be read (no worker) is a result shown in full again.
            if (e.kind().equals("results_cleared") && d.hasNonNull("worker")) {
                marks.put(d.path("worker").asText(), new Mark(d.path("outputBytes").asLong(),
                        d.path("head").asText(null)));
            }
        }
    }
}
