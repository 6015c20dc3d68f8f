package io.agentorchestr.core.goal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.model.PlanTask;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.text.TextCut;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * compact_session's brief: where the session stands, from the store alone (goal, plan and task states,
 * each worker's outcome, merges and verify, failures, open questions, the lead's own reports), within
 * {@link #MAX_CHARS}. The router's compress model rewrites that record shorter when a key is set;
 * without one the record itself is the brief, and the note says so. A worker whose results the lead
 * has cleared is one line.
 */
public final class SessionBrief {
    /** The brief's size limit, in characters (about 3,000 tokens). */
    public static final int MAX_CHARS = 12_000;
    private static final int SUMMARY_CHARS = 400;
    private static final int MAX_TOKENS = 3_000;

    /** The brief, who made it, and what the reader should know about it. */
    public record Made(String text, String madeBy, String note) {
    }

    /** What the brief is made from: the session's records as they stand. */
    record Records(SessionRecord session, List<PlanTask> plan, List<WorkerRecord> workers, List<EventRecord> events,
                   List<MessageRecord> messages, Function<String, Boolean> absorbed) {
    }

    private SessionBrief() {
    }

    public static Made make(Records r, String focus, ModelRouter router) {
        String record = record(r, focus);
        String why;
        try {
            Optional<ModelReply> reply = router.ask(ModelTask.COMPRESS, new ModelRequest(INSTRUCTIONS, (focus == null
                    ? "" : "Focus on: " + focus.strip() + "\n\n") + record, MAX_TOKENS));
            if (reply.isPresent() && !reply.get().text().isBlank()) {
                return new Made(TextCut.atLine(header(r.session()) + reply.get().text().strip(), MAX_CHARS),
                        reply.get().provider() + "/" + reply.get().model(), "a model's brief of the session's records");
            }
            why = reply.isPresent() ? "the compress model answered nothing" : "no model key is set (docs/router.md)";
        } catch (ModelRouter.Failure e) {
            why = e.getMessage();
        }
        return new Made(TextCut.atLine(header(r.session()) + record, MAX_CHARS), "the session's records",
                "no model shortened this brief: " + why + "; it is the session's records, cut to " + MAX_CHARS
                        + " characters");
    }

    private static String header(SessionRecord s) {
        return "# Session brief: " + s.id() + " (integration branch `" + s.integrationBranch() + "`)\n\n";
    }

    /** The records as text, the most needed first: later sections are the ones a cut takes. */
    static String record(Records r, String focus) {
        StringBuilder b = new StringBuilder();
        b.append("## Goal\n").append(TextCut.atLine(r.session().goal() == null ? "" : r.session().goal().strip(),
                2_000)).append("\n\n");
        if (focus != null && !focus.isBlank()) {
            b.append("## Focus now\n").append(focus.strip()).append("\n\n");
        }
        if (!r.plan().isEmpty()) {
            b.append("## Plan\n");
            for (PlanTask t : r.plan()) {
                b.append("- ").append(t.id()).append(" [").append(t.state().label()).append("]")
                        .append(t.workerId() == null ? "" : " " + t.workerId())
                        .append(t.dependsOn().isEmpty() ? "" : " after " + String.join(", ", t.dependsOn()))
                        .append(": ").append(TerminalText.firstLine(t.task(), 200))
                        .append(t.reason() == null || t.reason().isBlank() ? "" : " (" + TerminalText.firstLine(
                                t.reason(), 200) + ")").append('\n');
            }
            b.append('\n');
        }
        b.append("## Workers\n");
        if (r.workers().isEmpty()) {
            b.append("None spawned yet.\n");
        }
        for (WorkerRecord w : r.workers()) {
            boolean cleared = r.absorbed().apply(w.id());
            b.append("- ").append(w.id()).append(" (").append(w.perspective()).append(", ").append(w.agent())
                    .append(w.attempt() > 1 ? ", attempt " + w.attempt() : "").append("): ").append(w.state().label())
                    .append(w.mergedCommit() != null ? ", merged" : "").append(" - task: ")
                    .append(TerminalText.firstLine(w.task(), cleared ? 100 : 200));
            if (w.summary() != null && !w.summary().isBlank()) {
                b.append(" - result: ").append(cleared ? TerminalText.shortLine(w.summary())
                        : TextCut.atLine(TerminalText.safe(w.summary()).strip(), SUMMARY_CHARS).replace('\n', ' '));
            }
            b.append('\n');
        }
        b.append('\n');
        section(b, "Merges, verify and failures", r.events().stream().map(SessionBrief::outcome)
                .flatMap(Optional::stream).toList(), 20);
        section(b, "Open questions (not answered yet)", openQuestions(r.messages()), 20);
        section(b, "The lead's own reports and messages", r.events().stream()
                .filter(e -> e.kind().equals("progress_reported")).map(EventRecord::json)
                .filter(d -> "lead".equals(d.path("from").asText())).map(d -> d.path("message").asText()).toList(), 15);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> lines, int last) {
        if (lines.isEmpty()) {
            return;
        }
        b.append("## ").append(title).append('\n');
        lines.subList(Math.max(0, lines.size() - last), lines.size()).forEach(l -> b.append("- ")
                .append(TerminalText.firstLine(l, 300)).append('\n'));
        b.append('\n');
    }

    private static Optional<String> outcome(EventRecord e) {
        if (!OUTCOMES.contains(e.kind())) {
            return Optional.empty();
        }
        JsonNode d = e.json();
        return Optional.of(switch (e.kind()) {
            case "worker_merged" -> text(d, "worker") + " merged as " + abbrev(text(d, "commit"));
            case "merge_conflict" -> text(d, "worker") + " did not merge: conflict in " + text(d, "files");
            case "verify_ran" -> "verify " + (d.path("passed").asBoolean() ? "passed" : "FAILED") + ": "
                    + text(d, "summary");
            case "spawn_failed" -> text(d, "worker") + " could not start: " + text(d, "reason");
            default -> "budget " + text(d, "percent") + " % used (" + text(d, "used") + ")";
        });
    }

    private static final Set<String> OUTCOMES = Set.of("worker_merged", "merge_conflict", "verify_ran",
            "spawn_failed", "budget_reached");

    private static List<String> openQuestions(List<MessageRecord> messages) {
        Set<String> answered = messages.stream().filter(m -> m.type() == MessageType.ANSWER && m.replyTo() != null)
                .map(MessageRecord::replyTo).collect(Collectors.toSet());
        return messages.stream().filter(m -> m.type() == MessageType.QUESTION && !answered.contains(m.id()))
                .map(m -> m.id() + " from " + m.sender() + " to " + m.to() + ": " + m.body()).toList();
    }

    private static String abbrev(String commit) {
        return commit == null || commit.length() < 10 ? String.valueOf(commit) : commit.substring(0, 10);
    }

    /** A field as text; a list (a conflict's files) joined with commas. */
    private static String text(JsonNode d, String name) {
        JsonNode v = d.path(name);
        if (!v.isArray()) {
            return v.asText("");
        }
        List<String> items = new java.util.ArrayList<>();
        v.forEach(i -> items.add(i.asText()));
        return String.join(", ", items);
    }

    private static final String INSTRUCTIONS = "You shorten the record of a session of coding agents into a brief "
            + "for its lead agent, who continues the session after its own context is compacted and will know "
            + "only what the brief says. Keep every task id, worker id, state, merge, verify result, failure, "
            + "decision and open question, and the goal word for word; drop repetition and detail the lead can "
            + "ask the tools for again (list_workers, get_plan, read_inbox). Write Markdown with the same sections, "
            + "at most 1,200 words, no preamble.";
}
