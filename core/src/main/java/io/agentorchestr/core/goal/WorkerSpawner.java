package io.agentorchestr.core.goal;

import io.agentorchestr.core.error.FileTrouble;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.context.TaskHooks;
import io.agentorchestr.core.config.WorkersConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.worker.Perspective;
import io.agentorchestr.core.worker.Perspectives;
import io.agentorchestr.core.worker.SkillCatalog;
import io.agentorchestr.core.worker.WarmAgent;
import io.agentorchestr.core.worker.WorkerBrief;
import io.agentorchestr.core.worker.WorkerId;
import io.agentorchestr.core.worker.WorkerLauncher;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.worker.WorkerSpec;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * spawn_worker and cross_review: checks the request, picks the agent (circuit breaker included) and a
 * free worker id, starts the worker, and watches it. A start that fails has taken back what it made
 * (see {@link WorkerLauncher#launch}); its token is revoked too, and the error names the cause.
 */
public final class WorkerSpawner {
    private final SessionRecord session;
    private final StateStore store;
    private final Git git;
    private final WorkerLauncher launcher;
    private final Integration integration;
    private final AgentChooser agents;
    private final int maxWorkers;
    private final WorkerBoard board;
    private final WorkerCare care;
    private final IntegrationDesk desk;
    private final SessionContext context;
    private final Consumer<String> progress;
    private final BiConsumer<String, String> revoke;
    private final Perspectives perspectives;
    private final Object lock = new Object();
    private final java.util.Map<String, java.util.List<String>> skillsGiven = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile SkillCatalog skills = SkillCatalog.NONE;
    private volatile FinishedAgents finished;
    private volatile Consumer<String> diskFull = reason -> { };
    private volatile java.util.function.Supplier<Optional<String>> refusal = Optional::empty;
    /** Longer than asking an agent to quit and signalling it take together. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(15);
    private final WarmWorkers warm;
    private boolean closed;

    WorkerSpawner(SessionRecord session, StateStore store, Git git, WorkerLauncher launcher, Integration integration,
                  AgentChooser agents, int maxWorkers, WorkerBoard board, WorkerCare care, IntegrationDesk desk,
                  SessionContext context, Consumer<String> progress, BiConsumer<String, String> revoke,
                  Perspectives perspectives) {
        this.perspectives = perspectives;
        this.session = session;
        this.store = store;
        this.git = git;
        this.launcher = launcher;
        this.integration = integration;
        this.agents = agents;
        this.maxWorkers = maxWorkers;
        this.board = board;
        this.care = care;
        this.desk = desk;
        this.context = context;
        this.progress = progress;
        this.revoke = revoke;
        this.warm = new WarmWorkers(session, launcher.warm(), care::access, revoke, progress,
                WorkersConfig.warm(java.nio.file.Path.of(session.project())));
    }

    /** What may stop new workers from starting (a spent budget), said as the refusal. */
    void refuseWhen(java.util.function.Supplier<Optional<String>> why) {
        this.refusal = why;
    }

    /** Who is told when a spawn fails for lack of disk space (the goal pauses rather than fail). */
    void onDiskFull(Consumer<String> pause) {
        this.diskFull = pause;
    }

    /** spawn_worker: a new worker on a fresh branch, or the earlier one for a repeated request_id. */
    public WorkerRecord spawn(SpawnRequest r) {
        return spawn(r, false);
    }

    /** A plan's task: started from the integration branch's head, so it sees all that is merged so far. */
    WorkerRecord spawnFromIntegration(SpawnRequest r) {
        return spawn(r, true);
    }

    private WorkerRecord spawn(SpawnRequest r, boolean fromIntegration) {
        try {
            return spawnWorker(r, fromIntegration);
        } catch (ToolError e) {
            // A worktree that cannot be made for lack of space: pause, do not let the lead give up.
            if (FileTrouble.diskFull(e)) {
                diskFull.accept("a disk is full: " + TerminalText.shortLine(e.getMessage()));
            }
            throw e;
        }
    }

    private WorkerRecord spawnWorker(SpawnRequest r, boolean fromIntegration) {
        if (r.task() == null || r.task().isBlank()) {
            throw new ToolError("task is empty; describe the work the worker should do");
        }
        Perspective perspective = r.perspective() == null || r.perspective().isBlank() ? Perspective.IMPLEMENTER
                : perspectives.find(r.perspective()).orElseThrow(() -> new ToolError("unknown perspective '"
                + r.perspective() + "'; use one of " + perspectives.labels()));
        synchronized (lock) {
            if (closed) {
                throw new ToolError("the goal has ended; no new workers are started");
            }
            refusal.get().ifPresent(why -> {
                throw new ToolError(why);
            });
            if (r.requestId() != null && !r.requestId().isBlank()) {
                Optional<WorkerRecord> earlier = board.byRequestId(r.requestId());
                if (earlier.isPresent() && !earlier.get().task().strip().equals(r.task().strip())) {
                    throw new ToolError("request_id '" + r.requestId() + "' was used for " + earlier.get().id()
                            + " with another task; a repeated request_id must repeat the same request (it makes a "
                            + "retry safe): give new work a new request_id");
                }
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            String start = startCommit(r.dependsOn(), fromIntegration);
            awaitStoppedAgents();
            if (board.active() >= maxWorkers) {
                throw new ToolError(board.active() + " workers are running, the maximum is " + maxWorkers
                        + "; call wait_for_any, then spawn again");
            }
            AgentChooser.Choice choice = agents.choose(r.agentHint());
            DetectedAgent agent = choice.agent();
            Optional<WarmAgent> warmAgent = warm.take(agent.profile().key());
            WorkerId id = warmAgent.map(WarmAgent::id).orElseGet(this::nextId);
            SkillCatalog.Selection picked;
            try {
                picked = skills.select(r.task(), r.fileScope(), java.nio.file.Path.of(session.project()), r.skills());
            } catch (IllegalArgumentException e) {
                warmAgent.ifPresent(w -> warm.drop(w, "its task was refused"));
                throw new ToolError(e.getMessage());
            }
            WorkerBrief brief = new WorkerBrief(r.task(), perspective, r.fileScope(), r.passCriteria(),
                    r.extraContext(), picked.skills()).withPreamble(context.preamble().text())
                    .withMemory(context.notesFor(r.task()));
            TaskHooks.refusal(context, id.toString(), brief, agent.profile().key(), WorkerLauncher.branchName(
                    session.id(), perspective.label(), id)).ifPresent(reason -> {
                        warmAgent.ifPresent(w -> warm.drop(w, "its task was refused"));
                        throw new ToolError(reason);
                    });
            WorkerRecord w;
            try {
                // A warm agent has its access already (given when it started).
                w = launcher.launch(session, new WorkerSpec(id, brief, agent.profile(), agent.binary(), false,
                        r.requestId(), warmAgent.isPresent() ? Optional.empty() : care.access(id.toString()), start),
                        warmAgent.orElse(null));
            } catch (AgentorchestrException e) {
                revoke.accept(id.toString(), "its start failed");
                store.append(session.id(), new SessionEvent.SpawnFailed(id.toString(), e.getMessage()));
                throw new ToolError(e.getMessage());
            }
            board.put(w);
            skillsGiven.put(w.id(), picked.names());
            if (!picked.skills().isEmpty() || !picked.notes().isEmpty()) {
                store.append(session.id(), new SessionEvent.SkillsGiven(w.id(), picked.names(), picked.notes()));
            }
            if (choice.note() != null) {
                board.note(w.id(), choice.note());
                progress.accept(choice.note());
            }
            care.watch(w);
            // Whatever the worker limit: a warm agent sends nothing to its model, and the next spawn comes
            // once a worker has finished.
            warm.prepare(agent, nextId());
            progress.accept(w.id() + " started (" + agent.profile().key() + ", " + perspective.label() + "): "
                    + TerminalText.shortLine(r.task()));
            return w;
        }
    }

    void useSkills(SkillCatalog catalog) {
        this.skills = catalog;
    }

    SkillCatalog skills() {
        return skills;
    }

    /** The session's agents, by key (what plan tasks may name). */
    public List<String> agentKeys() {
        return agents.keys();
    }

    /** The skills a worker got (empty for none, or a worker from before a resume). */
    public java.util.List<String> skillsOf(String workerId) {
        return skillsGiven.getOrDefault(workerId, java.util.List.of());
    }

    /**
     * No more workers: waits for a spawn under way to finish, so its worker is on the board (and
     * watched, stopped and recorded with the others) before the goal ends.
     */
    void close() {
        synchronized (lock) {
            closed = true;
        }
        warm.close();
    }

    /** Agents started ahead of the next spawn of their kind. */
    WarmWorkers warm() {
        return warm;
    }

    /** The next worker id nothing holds: no branch or worktree of it, no warm agent. */
    private WorkerId nextId() {
        return warm.freeId(n -> launcher.freeId(session, n), board.highestNumber() + 1);
    }

    /** Workers that depend on others start from the integration branch, which must hold their work. */
    private String startCommit(List<String> dependsOn, boolean fromIntegration) {
        for (String dep : dependsOn) {
            WorkerRecord d = board.get(dep);
            if (d.mergedCommit() == null) {
                throw new ToolError("depends_on " + dep + " is " + d.state().label() + " and not merged; wait for it "
                        + "and merge_worker it first, so the new worker starts from its work");
            }
        }
        return dependsOn.isEmpty() && !fromIntegration ? null
                : git.resolveCommit(integration.worktree(), "HEAD").orElseThrow();
    }

    /** Finished workers' agents being stopped count against the limit: live agents are what it bounds. */
    void countAlso(FinishedAgents stopping) {
        this.finished = stopping;
    }

    /** Gives agents of finished workers that are still being stopped the moment they need (seconds). */
    private void awaitStoppedAgents() {
        FinishedAgents f = finished;
        if (f == null || board.active() >= maxWorkers) {
            return;
        }
        try {
            f.awaitAtMost(maxWorkers - (int) board.active() - 1, STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** cross_review: a reviewer worker that compares two workers' changes. */
    public WorkerRecord crossReview(String a, String b, String focus) {
        WorkerRecord wa = board.get(a);
        WorkerRecord wb = board.get(b);
        String context = "Diff of " + a + " (" + wa.branch() + "):\n" + WorkerOutput.truncate(desk.diff(a), 20_000)
                + "\n\nDiff of " + b + " (" + wb.branch() + "):\n" + WorkerOutput.truncate(desk.diff(b), 20_000);
        String task = "Review the work of " + a + " and " + b + " against each other: conflicts between them, "
                + "duplicated or inconsistent changes, bugs in either." + (focus == null || focus.isBlank() ? ""
                : " Focus: " + focus.strip());
        return spawn(new SpawnRequest(task, Perspective.REVIEWER.label(), List.of(), null, context, null, List.of(),
                null));
    }
}
