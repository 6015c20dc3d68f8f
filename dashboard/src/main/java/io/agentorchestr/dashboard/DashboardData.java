package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.session.SessionLock;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageView;
import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.core.store.StoreReader;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the API answers, read from the state store, the sessions' logs and their git repositories. */
final class DashboardData {
    static final int MAX_DIFF_CHARS = 200_000;
    private static final int SCAN_EVENTS = 100_000;

    private final StoreReader store;
    private final Git git;
    private final PaneOutput output = new PaneOutput();
    private final io.agentorchestr.core.cost.UsageMeter meter;

    DashboardData(StoreReader store, Git git, io.agentorchestr.core.cost.UsageMeter meter) {
        this.store = store;
        this.git = git;
        this.meter = meter;
    }

    StoreReader store() {
        return store;
    }

    Map<String, Object> sessions(StoreReader.SessionQuery query) {
        StoreReader.SessionPage page = store.sessions(query);
        Map<String, Map<String, Integer>> states = store.workerStates(page.sessions().stream()
                .map(SessionRecord::id).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SessionRecord s : page.sessions()) {
            rows.add(Views.session(s, status(s), states.getOrDefault(s.id(), Map.of())));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessions", rows);
        m.put("total", page.total());
        m.put("limit", query.limit());
        m.put("offset", query.offset());
        return m;
    }

    Optional<Map<String, Object>> session(String id) {
        return store.session(id).map(s -> {
            List<WorkerRecord> workers = store.workers(id);
            Map<String, Integer> states = new HashMap<>();
            workers.forEach(w -> states.merge(w.state().label(), 1, Integer::sum));
            Map<String, Object> m = Views.session(s, status(s), states);
            m.put("tmux", s.tmuxServer() + " attach -t " + s.tmuxSession());
            List<EventRecord> events = store.eventsOfKinds(id, List.of("lead_relaunched", "verify_ran", "goal_marked",
                    "progress_reported"), SCAN_EVENTS);
            m.put("lead", lead(s, events));
            m.put("verify", lastOf(events, "verify_ran"));
            m.put("goal_marked", lastOf(events, "goal_marked"));
            List<Map<String, Object>> progress = new ArrayList<>();
            for (EventRecord e : events) {
                if (e.kind().equals("progress_reported")) {
                    JsonNode d = Views.data(e.data());
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("at", Views.str(e.at()));
                    p.put("from", d.path("from").asText());
                    p.put("message", d.path("message").asText());
                    progress.add(p);
                }
            }
            m.put("progress", progress.subList(Math.max(0, progress.size() - 50), progress.size()));
            return m;
        });
    }

    Optional<List<Map<String, Object>>> workers(String sessionId) {
        if (store.session(sessionId).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> progress = new HashMap<>();
        Map<String, List<String>> skills = new HashMap<>();
        for (EventRecord e : store.eventsOfKinds(sessionId, List.of("progress_reported", "skills_given"), SCAN_EVENTS)) {
            if (e.kind().equals("progress_reported")) {
                JsonNode d = Views.data(e.data());
                progress.put(d.path("from").asText(), d.path("message").asText());
            } else if (e.kind().equals("skills_given")) {
                JsonNode d = Views.data(e.data());
                List<String> names = new ArrayList<>();
                d.path("skills").forEach(n -> names.add(n.asText()));
                skills.put(d.path("worker").asText(), names);
            }
        }
        io.agentorchestr.core.cost.SessionUsage usage = new io.agentorchestr.core.cost.SessionUsage(meter,
                io.agentorchestr.core.cost.Prices.load(Path.of(store.session(sessionId).orElseThrow().project())));
        return Optional.of(store.workers(sessionId).stream().map(w -> Views.worker(w, progress.get(w.id()),
                skills.getOrDefault(w.id(), List.of()), usage.of(w))).toList());
    }

    Optional<WorkerRecord> worker(String sessionId, String workerId) {
        return store.workers(sessionId).stream().filter(w -> w.id().equals(workerId)).findFirst();
    }

    Map<String, Object> output(WorkerRecord w, int tailLines) {
        PaneOutput.Tail tail = output.tail(logOf(w), tailLines);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker", w.id());
        m.put("text", tail.text());
        m.put("lines", tail.lines());
        m.put("offset", tail.size());
        return m;
    }

    PaneOutput paneOutput() {
        return output;
    }

    static Path logOf(WorkerRecord w) {
        return w.logPath() == null ? null : Path.of(w.logPath());
    }

    /** The worker's branch against where it forked from the session's base; a failure is said, not thrown. */
    Map<String, Object> diff(SessionRecord s, WorkerRecord w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker", w.id());
        m.put("branch", w.branch());
        m.put("base_commit", s.baseCommit());
        try {
            String diff = git.diff(Path.of(s.project()), s.baseCommit(), w.branch());
            boolean cut = diff.length() > MAX_DIFF_CHARS;
            m.put("diff", TerminalText.safe(cut ? diff.substring(0, MAX_DIFF_CHARS) : diff));
            m.put("truncated", cut);
        } catch (RuntimeException e) {
            m.put("diff", "");
            m.put("error", "no diff: " + TerminalText.firstLine(String.valueOf(e.getMessage()), 300)
                    + " (the branch may have been removed by --clean)");
        }
        return m;
    }

    Map<String, Object> events(String sessionId, long after, int limit) {
        List<EventRecord> events = store.events(sessionId, after, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events.stream().map(Views::event).toList());
        m.put("last", events.isEmpty() ? after : events.get(events.size() - 1).seq());
        return m;
    }

    Map<String, Object> plan(String sessionId) {
        List<io.agentorchestr.core.model.PlanTask> tasks = store.planTasks(sessionId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", io.agentorchestr.core.model.PlanView.of(tasks, ShownText.PRINTABLE));
        m.put("summary", io.agentorchestr.core.model.PlanView.summary(tasks));
        return m;
    }

    /**
     * Spending over time, for the cost chart: each agent's totals as they were recorded (worker ids and
     * "lead"), oldest first; {@code usd} null where its model has no price.
     */
    Map<String, Object> usage(String sessionId) {
        Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
        for (EventRecord e : store.eventsOfKind(sessionId, "usage_recorded", SCAN_EVENTS)) {
            JsonNode d = Views.data(e.data());
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("at", e.at().toString());
            point.put("tokens", d.path("used").asLong());
            point.put("usd", d.path("usd").isNumber() ? d.path("usd").asDouble() : null);
            series.computeIfAbsent(d.path("who").asText(), k -> new ArrayList<>()).add(point);
        }
        return Map.of("series", series);
    }

    Map<String, Object> messages(String sessionId, long after, int limit) {
        List<MessageRecord> messages = store.messages().after(sessionId, after, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messages", messages.stream().map(x -> MessageView.of(x, ShownText.PRINTABLE)).toList());
        m.put("last", messages.isEmpty() ? after : messages.get(messages.size() - 1).seq());
        return m;
    }

    /** "abandoned" for a session stored as running that no process drives. */
    static String status(SessionRecord s) {
        return s.status() == SessionStatus.RUNNING && !SessionLock.driven(s) ? "abandoned" : s.status().label();
    }

    private static Map<String, Object> lead(SessionRecord s, List<EventRecord> events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", s.leadAgent());
        long relaunches = events.stream().filter(e -> e.kind().equals("lead_relaunched")).count();
        m.put("launches", s.leadAgent() == null ? 0 : 1 + relaunches);
        m.put("state", status(s).equals("running") ? "leading" : "ended (" + status(s) + ")");
        return m;
    }

    private static JsonNode lastOf(List<EventRecord> events, String kind) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).kind().equals(kind)) {
                return Views.data(events.get(i).data());
            }
        }
        return null;
    }
}
