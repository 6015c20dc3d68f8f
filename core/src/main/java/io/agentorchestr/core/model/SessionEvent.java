package io.agentorchestr.core.model;

/**
 * Everything that happens in a session, appended to its audit log. Sealed so every kind is known
 * to the store's serializer and to readers of the log.
 */
public sealed interface SessionEvent {

    /** The worker the event is about, or null for session-wide events. */
    default String workerId() {
        return null;
    }

    /** A stable snake_case name for the log. */
    default String kind() {
        String simple = getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    record SessionStarted(String mode, String project, String baseCommit, String agent) implements SessionEvent {
    }

    /** A worker was started; {@code durationMs} is how long its spawn took (worktree, pane, files). */
    record WorkerSpawned(String worker, String agent, String branch, String worktree, String pane, long durationMs)
            implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** The skills a worker got in its prompt, and why others were left out (budget, trust). */
    record SkillsGiven(String worker, java.util.List<String> skills, java.util.List<String> notes)
            implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** A completion or liveness signal was observed; the first one decides the state. */
    record SignalObserved(String worker, String signal, String state, String summary) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    record WorkerStateChanged(String worker, String from, String to, String reason) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** Work left uncommitted by a worker was committed to its branch so it cannot be lost. */
    record WorkSaved(String worker, String commit) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** A worker could not be started; what it had created was taken back. */
    record SpawnFailed(String worker, String reason) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** A worker's agent was started again in its worktree (hang recovery or resume). */
    record WorkerRestarted(String worker, int attempt, String pane, boolean resumedConversation, String reason)
            implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** The health monitor saw a worker change activity or acted on it (nudge, interrupt, reminder). */
    record HealthAction(String worker, String action, String detail) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** The lead's agent was started again (it died or hung, or the session resumed). */
    record LeadRelaunched(int launch, String pane, String how, String reason) implements SessionEvent {
    }

    /**
     * The lead's launch is under way: its MCP client finished its handshake and it has its goal (once
     * per launch and orchestrator run). A lead alive after a crash whose launch never got here has not
     * had its tools, or its goal.
     */
    record LeadReady(int launch) implements SessionEvent {
    }

    /** The orchestrator picked the session up again. */
    record SessionResumed(boolean tmuxAlive, int mcpPort, boolean samePort, String detail) implements SessionEvent {
    }

    record SessionEnded(String status, String summary) implements SessionEvent {
    }

    /** Every MCP tool call, with its arguments, the start of its result and how long it took. */
    record ToolCalled(String tool, String caller, String arguments, boolean error, String result, long durationMs)
            implements SessionEvent {
    }

    record ProgressReported(String from, String message) implements SessionEvent {
    }

    record MessageSent(String from, String to, String text) implements SessionEvent {
    }

    /** The plan was submitted or changed: how many tasks were added and cancelled. */
    record PlanChanged(int added, int cancelled, String how) implements SessionEvent {
    }

    /** A task of the plan moved on: started by a worker, done, failed, blocked, pending again. */
    record PlanTaskChanged(String task, String worker, String state, String reason) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** The session's spending reached this share of its budget (80 %: the lead was told; 100 %: it pauses). */
    record BudgetReached(int percent, String used) implements SessionEvent {
    }

    /**
     * An agent's totals so far, by its records, recorded as they grow (at most every 15 s): {@code who}
     * is a worker id or "lead", {@code used} its tokens of every kind; {@code usd} is null when its model
     * has no price.
     */
    record UsageRecorded(String who, long used, Double usd) implements SessionEvent {
        @Override
        public String workerId() {
            return "lead".equals(who) ? null : who;
        }
    }

    /**
     * agentorchestr called a hosted model itself (the router, for a plan, a brief or research): which
     * provider and model, how it went ("ok" or why not), its tokens and, when the model has a price, USD.
     */
    record ModelCalled(String task, String provider, String model, String outcome, long inputTokens,
                       long outputTokens, Double usd, long durationMs) implements SessionEvent {
    }

    /** The lead absorbed a worker's results (clear_tool_results): how much pane log and which head there were. */
    record ResultsCleared(String worker, long outputBytes, String head) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /**
     * compact_session made a brief of the session (kept here: a restarted or resumed lead starts from the
     * latest), by a model or from the records, with the focus the lead asked for.
     */
    record BriefMade(String madeBy, String focus, String text) implements SessionEvent {
    }

    /**
     * A step of the lead CLI's own compaction, driven by compact_session: {@code command_typed} (at its
     * prompt), {@code brief_given} (pasted once it was back), {@code gave_up} or {@code failed}.
     */
    record LeadCompaction(String step, String detail) implements SessionEvent {
    }

    /** A message between agents was stored (its body is in the message log, not here). */
    record MessageStored(String id, long seq, String from, String to, String type) implements SessionEvent {
    }

    record WorkerMerged(String worker, String commit, long durationMs) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    record MergeConflict(String worker, java.util.List<String> files, long durationMs) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }

    /** The merged result was verified; {@code durationMs} covers the merges before it and the commands. */
    record VerifyRan(boolean passed, String summary, long durationMs) implements SessionEvent {
    }

    record GoalMarked(String status, String summary) implements SessionEvent {
    }

    /**
     * A hook command of hooks.json ran: for which event, from which file, how it ended, and whether it
     * refused the action ({@code stderr} is the end of what it wrote there, its reason).
     */
    record HookRan(String event, String command, String source, String worker, int exitCode, boolean timedOut,
                   long durationMs, boolean vetoed, String stderr) implements SessionEvent {
        @Override
        public String workerId() {
            return worker;
        }
    }
}
