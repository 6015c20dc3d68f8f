package io.agentorchestr.core.worker;

/**
 * The prompt a worker agent starts with: the session's preamble (project context, the same bytes for
 * every worker so a cached prefix is reused), who it is, where it works, the completion protocol,
 * then the task last (agents weigh the end of a prompt most).
 */
public final class WorkerPrompt {
    /** The heading the task follows; the demo agent reads everything after it as its task. */
    public static final String TASK_HEADING = "## Your task";
    /** Each skill a worker got is under this heading with its name and version (the demo agent reads them). */
    public static final String SKILL_HEADING = "## Skill: ";
    /** Where the worker's own part starts, after the preamble (which may hold any heading). */
    private static final String HEADER = "# agentorchestr worker ";

    private WorkerPrompt() {
    }

    public static String build(String workerId, String branch, WorkerBrief brief, boolean hasTools) {
        StringBuilder extra = new StringBuilder();
        if (hasTools) {
            extra.append("## Your MCP tools (server \"agentorchestr\")\n")
                    .append("- report_done(state, summary): report your outcome (also write the done flag).\n")
                    .append("- report_progress(message): tell the lead how far you are.\n")
                    .append("- ask_lead(question): ask the lead when you are stuck; the answer arrives in your inbox.\n")
                    .append("- send_message(to, type, body, reply_to?): write to another worker (w02), the lead, all, "
                            + "or role:NAME; answer a question with type answer and reply_to its id.\n")
                    .append("- read_inbox(wait_s?): your unread messages. When a line \"[agentorchestr] new message\" "
                            + "appears in your input, call it.\n")
                    .append("- recall(query): search the project's notes from earlier sessions.\n")
                    .append("- remember(topic, text): keep a lesson for later sessions (a pitfall, how to run something).\n\n");
        }
        extra.append("## Your role: ").append(brief.perspective().label()).append('\n')
                .append(brief.perspective().guide()).append('\n');
        if (!brief.perspective().merged()) {
            extra.append(brief.perspective().outcomeNote()).append('\n');
        }
        if (hasTools && !brief.perspective().tools().isEmpty()) {
            extra.append("Of the tools above, your role may call: ").append(String.join(", ",
                    brief.perspective().tools())).append(".\n");
        }
        extra.append('\n');
        if (!brief.fileScope().isEmpty()) {
            extra.append("## File scope\nStay within: ").append(String.join(", ", brief.fileScope())).append("\n\n");
        }
        if (brief.passCriteria() != null && !brief.passCriteria().isBlank()) {
            extra.append("## Done means\n").append(brief.passCriteria().strip()).append("\n\n");
        }
        if (brief.extraContext() != null && !brief.extraContext().isBlank()) {
            extra.append("## Context from the lead\n").append(brief.extraContext().strip()).append("\n\n");
        }
        if (!brief.memory().isBlank()) {
            extra.append(brief.memory().strip()).append("\n\n");
        }
        for (SkillCatalog.Skill skill : brief.skills()) {
            extra.append(SKILL_HEADING).append(skill.name()).append(" ").append(skill.version()).append('\n')
                    .append(skill.text().strip()).append("\n\n");
        }
        String preamble = brief.preamble().isBlank() ? "" : brief.preamble().strip() + "\n\n";
        return preamble + build(workerId, brief.perspective().label(), branch, extra + TASK_HEADING, brief.task());
    }

    private static String build(String workerId, String perspective, String branch, String heading, String task) {
        return """
                %6$s%1$s (%2$s)

                You are worker %1$s. You work alone in this git worktree, on branch `%3$s`.
                Change only what the task needs. Commit your work to this branch when you finish
                (anything left uncommitted is committed for you, but say what you did).

                ## When you finish
                Signal the outcome in BOTH ways:
                1. Write the file `.agentorchestr/done.flag`: first line `done`, `blocked` or `failed`,
                   then a one-paragraph summary (write `.agentorchestr/done.flag.tmp`, then rename it).
                2. Print one line: `WORKER_DONE: <summary>`, or `WORKER_BLOCKED: <what you need>`,
                   or `WORKER_FAILED: <why>`.
                Use `blocked` when you need a decision or information you cannot get yourself.

                %4$s
                %5$s
                """.formatted(workerId, perspective, branch, heading, task.strip(), HEADER);
    }

    /**
     * The first prompt again for a new attempt in the same worktree, with what happened to the last one
     * placed before the task (which stays last).
     */
    public static String nextAttempt(String firstPrompt, int attempt, String reason) {
        String note = "## This is attempt " + attempt + "\n"
                + "An earlier attempt at this task stopped: " + reason.strip() + "\n"
                + "Your worktree and branch keep everything it committed or left behind: look at `git log` and "
                + "`git status` first and continue from there instead of starting over.\n\n";
        int at = taskHeading(firstPrompt);
        return at < 0 ? note + firstPrompt : firstPrompt.substring(0, at) + note + firstPrompt.substring(at);
    }

    /** The message a worker gets when its own conversation is resumed. */
    public static String resumeNote(String workerId, int attempt, String reason) {
        return "[agentorchestr] You are worker " + workerId + " again (attempt " + attempt + "): " + reason.strip()
                + ". Continue your task from where you were; check `git status` and `git log` for what is already "
                + "done. When you finish, write .agentorchestr/done.flag and print the WORKER_DONE / WORKER_BLOCKED / "
                + "WORKER_FAILED line as before.";
    }

    /** The task part of a prompt built by {@link #build}, or the whole text if it has no task heading. */
    public static String taskOf(String prompt) {
        int at = taskHeading(prompt);
        return at < 0 ? prompt.strip() : prompt.substring(at + TASK_HEADING.length() + 1).strip();
    }

    private static int taskHeading(String prompt) {
        return prompt.indexOf(TASK_HEADING + "\n", Math.max(0, prompt.indexOf(HEADER)));
    }
}
