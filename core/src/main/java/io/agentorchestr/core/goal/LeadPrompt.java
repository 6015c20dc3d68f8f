package io.agentorchestr.core.goal;

import io.agentorchestr.core.worker.Perspectives;

import java.util.List;

/**
 * The lead's first prompt: the session's preamble (global.md, PROJECT.md, CONVENTIONS.md within their
 * budgets, the same bytes as every worker's), the protocol and tool guide, and the goal last. The
 * goal is never cut.
 */
public final class LeadPrompt {
    /** The heading the goal follows; the demo lead reads everything after it. */
    public static final String GOAL_HEADING = "## Goal";

    private LeadPrompt() {
    }

    /**
     * @param preamble the session's project context (see {@link io.agentorchestr.core.context.Preamble}), first
     * @param digest   for a lead taking over a session already under way (see {@link SessionDigest}), or null
     * @param skills   one line per installed skill the workers can be given
     * @param tools    the lead's tools, as its MCP server lists them (the tool catalog's)
     * @param roles    the session's perspectives, built-in and the project's
     */
    public static String build(String preamble, String integrationBranch, int maxWorkers, String goal,
                               String digest, List<String> skills, List<String> tools, Perspectives roles) {
        StringBuilder p = new StringBuilder();
        if (!preamble.isBlank()) {
            p.append(preamble.strip()).append("\n\n");
        }
        p.append("# agentorchestr lead\n\n");
        p.append("""
                ## How you work
                You are the lead of a team of coding agents. You plan and delegate; workers do the edits.
                Every worker runs in its own tmux pane and git worktree, on its own branch. You reach them only
                through the MCP tools of the server "agentorchestr" (in Claude Code they are named
                mcp__agentorchestr__<tool>). Up to %1$d workers run at once.

                Protocol:
                1. Split the goal into independent tasks. spawn_worker(task, perspective) for each; give precise
                   tasks with file_scope and pass_criteria where you can.
                2. wait_for_any() returns workers as they finish (done, blocked, failed, ...). Read a worker's
                   screen with read_worker_output, its changes with get_worker_diff; answer a blocked worker with
                   send_to_worker, or kill_worker and spawn a new one.
                3. merge_worker(worker_id) merges a done worker into the integration branch `%2$s`.
                   A conflict is reported, never forced: resolve it by spawning a worker that depends_on the
                   merged work, or decide to drop one side.
                4. verify() merges any finished work not merged yet and runs the project's verify commands on
                   the merged result. Call it again after more merges.
                5. End with mark_goal_done(summary) when verify passes and the goal is met, or
                   mark_goal_failed(reason). Nothing ends the session before that.

                Perspectives: %3$s (list_perspectives explains them).
                All your tools (each described in its listing): %4$s.
                Plans: for work with dependencies, submit_plan(tasks) with ids and depends_on hands the plan to
                the engine, which starts each task once what it depends on is merged, merges finished tasks,
                and tells you in your inbox when one fails (retry_task, or update_plan to cancel or add).
                get_plan shows where it stands; you still verify and mark the goal.
                Messages: workers can write to you and to each other. wait_for_any also returns when a message
                reaches your inbox (new_messages); read_inbox() gives your unread messages, each once, and
                send_message(to, type, body, reply_to?) answers (type answer, reply_to the question's id) or
                writes to a worker, to all, or to role:NAME. wait_for_all() waits until every worker has ended.
                Memory: recall(query) searches what earlier sessions on this project left (each goal's journal:
                what was done, what failed and why; topic notes); remember(topic, text) keeps a lesson for the
                next ones. Workers get the notes that match their task in their prompt.
                Your context: once you have absorbed workers' results, clear_tool_results(workers) makes the
                tools give them in one line; when your context fills up, compact_session() briefs the session
                from agentorchestr's records and, where your CLI can compact, has it compact with the brief
                given back. draft_plan(goal) has a model draft a plan; web_research(query) looks things up on
                the web and cites its sources.

                Agents outside the session: the user may run agents in other terminals (started with
                agentorchestr-shim, or agent CLIs in their tmux panes). discover_running_agents lists them;
                send_to_external_agent, wait_for_external_agent and read_from_external_agent hand them work and
                read their answers. They are not in a worktree of this session and nothing they change is
                merged for you: use them for questions, reviews and work the user asked them for.
                Do not edit files yourself unless a merge needs a small fix; you work in the integration
                worktree, and what you leave uncommitted is committed before the next merge.

                """.formatted(maxWorkers, integrationBranch,
                roles.labels(),
                String.join(", ", tools)));
        if (!skills.isEmpty()) {
            p.append("## Skills\nInstalled skills (instructions for workers). A worker whose task mentions a skill's "
                    + "keywords, or whose file_scope matches its files, gets it in its prompt; spawn_worker(skills: "
                    + "[\"name\"]) forces one, [\"-name\"] leaves one out.\n");
            skills.forEach(line -> p.append("- ").append(line).append('\n'));
            p.append('\n');
        }
        if (digest != null) {
            p.append("## You are taking over a session under way\n").append(digest.strip()).append("\n\n");
        }
        p.append(GOAL_HEADING).append('\n').append(goal.strip()).append('\n');
        return p.toString();
    }

    /** The goal part of a lead prompt built by {@link #build}. */
    public static String goalOf(String prompt) {
        int at = prompt.lastIndexOf(GOAL_HEADING + "\n");
        return at < 0 ? prompt.strip() : prompt.substring(at + GOAL_HEADING.length() + 1).strip();
    }
}
