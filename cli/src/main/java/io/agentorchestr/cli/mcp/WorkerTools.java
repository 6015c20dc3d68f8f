package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.Supervisor;

import java.util.List;

/** A worker's tools; the caller's worker id comes from its token, never from an argument. */
final class WorkerTools {
    /** A progress line is stored and shown in list_workers: a sentence, not a log. */
    static final int PROGRESS_CHARS = 1_000;
    /** A question is pasted into the lead's input. */
    static final int QUESTION_CHARS = 4_000;

    private WorkerTools() {
    }

    static List<ToolEntry> all(Supervisor s) {
        return List.of(
                ToolEntry.worker("report_done", "Report your outcome to agentorchestr when you have finished (also write "
                                + ".agentorchestr/done.flag). Commit your work first.",
                        List.of(Param.req("state", "string", "done, blocked (you need a decision or information) or "
                                        + "failed.").maxChars(32),
                                Param.req("summary", "string", "What you did, or what you need, or why it failed.")
                                        .maxChars(20_000)),
                        (a, worker) -> Views.worker(s.endings().reportDone(worker.id(), a.string("state"), a.string("summary")), s)),
                ToolEntry.worker("report_progress", "Tell the lead how far you are (it sees this in list_workers).",
                        List.of(Param.req("message", "string", "One sentence.").maxChars(PROGRESS_CHARS)),
                        (a, worker) -> {
                            s.team().workerProgress(worker.id(), a.string("message"));
                            return "noted";
                        }),
                ToolEntry.worker("ask_lead", "Ask the lead a question when you cannot continue without an answer. The answer "
                                + "arrives later as a message typed into your input.",
                        List.of(Param.req("question", "string", "The question, with the options you see.")
                                .maxChars(QUESTION_CHARS)),
                        (a, worker) -> s.team().askLead(worker.id(), a.string("question"))));
    }

}
