package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.MemoryView;
import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.memory.Memory;

import java.util.List;
import java.util.Map;

/** remember and recall, for the lead and the workers alike: the project's memory across sessions. */
final class MemoryTools {
    private static final int DEFAULT_K = 5;

    private MemoryTools() {
    }

    static List<ToolEntry> all(Supervisor s) {
        return List.of(
                ToolEntry.everyone("remember", "Keep something the next sessions on this project should know: a decision and "
                                + "its reason, a pitfall, how to build or test something, where a thing lives. It is "
                                + "added, dated, to the topic's note in the project's memory (a Markdown file the "
                                + "user can read and edit), which is created if new. Later workers whose task "
                                + "matches get it in their prompt. Not for progress reports.",
                        List.of(Param.req("topic", "string", "A short subject the note is filed under, e.g. "
                                        + "\"database migrations\"; the same topic adds to the same note.").maxChars(120),
                                Param.req("text", "string", "What to remember, self-contained: a later reader has "
                                        + "none of your context.").maxChars(20_000)),
                        (a, caller) -> {
                            Memory.Remembered r = caller.lead()
                                    ? s.memory().rememberForLead(a.string("topic"), a.string("text"))
                                    : s.memory().rememberForWorker(caller.id(), a.string("topic"), a.string("text"));
                            return Map.of("note", s.memory().memory().display(r.file()), "path", r.file().toString(),
                                    "created", r.created());
                        }),
                ToolEntry.everyone("recall", "Search the project's memory: topic notes, the journals of earlier sessions "
                                + "(goal, outcome, what each worker did, what failed and why) and the user's notes "
                                + "for every project. Best matches first (relevance, then recency), with the words "
                                + "around the match; read a note's file for all of it.",
                        List.of(Param.req("query", "string", "Words to look for, e.g. \"flaky login test\".")
                                        .maxChars(1_000),
                                Param.opt("k", "integer", "How many notes (default " + DEFAULT_K + ", at most "
                                        + Memory.MAX_K + ").").range(1, Memory.MAX_K)),
                        (a, caller) -> s.memory().recall(a.string("query"), a.optInt("k", DEFAULT_K)).stream()
                                .map(h -> MemoryView.of(s.memory().memory(), h)).toList()));
    }
}
