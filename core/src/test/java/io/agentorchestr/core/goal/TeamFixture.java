package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.agent.ConversationFinder;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.agent.FirstRunDialogs;
import io.agentorchestr.core.context.SessionContext;
import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.git.Worktrees;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.FakeTmux;
import io.agentorchestr.core.testing.TestRepo;
import io.agentorchestr.core.tmux.NewPane;
import io.agentorchestr.core.tmux.PanePlacer;
import io.agentorchestr.core.worker.WorkerLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A goal's session put together as {@link GoalRun} does, on a real git repository and a real SQLite
 * file but with panes in memory ({@link FakeTmux}): the test plays the agents. Spawn, merge and
 * verify logic run as in a goal, in well under a second per step.
 */
final class TeamFixture implements AutoCloseable {
    static final String SESSION = "s1";

    final TestRepo repo;
    final FakeTmux tmux = new FakeTmux();
    final Git git = new LocalGit(new SystemProcessRunner());
    final SqliteStateStore store;
    final SessionRecord session;
    final Integration integration;
    final Supervisor supervisor;
    final List<String> progress = new CopyOnWriteArrayList<>();

    private TeamFixture(Path dir, TestRepo repo, int maxWorkers, boolean warm) throws IOException {
        this.repo = repo;
        Worktrees worktrees = new Worktrees(git, dir.resolve("data/worktrees"));
        String base = repo.git("rev-parse", "HEAD");
        Instant now = Instant.now();
        session = new SessionRecord(SESSION, "auto", "goal", repo.dir().toString(), "demo", List.of("demo"),
                SessionStatus.RUNNING, base, Integration.branchName(SESSION), "ao-" + SESSION, "", null,
                dir.resolve("data/sessions/" + SESSION).toString(), ProcessHandle.current().pid(), null, now, now, null);
        store = SqliteStateStore.open(dir.resolve("data/state.db"));
        store.createSession(session);
        tmux.newSession(session.tmuxSession(), PanePlacer.FIRST_WINDOW, new NewPane(List.of("lead"), repo.dir(),
                Map.of()));
        SystemProcessRunner runner = new SystemProcessRunner();
        WorkerLauncher launcher = new WorkerLauncher(tmux, git, worktrees, store, new FirstRunDialogs(
                dir.resolve("claude.json"), dir.resolve("codex")), new ConversationFinder(runner));
        integration = Integration.create(git, worktrees, repo.dir(), SESSION, base);
        // Warm agents only where a test asks for them: another pane opening meanwhile would change what
        // the others count.
        Path agentsFile = Files.writeString(dir.resolve("agents.toml"), "[agents.demo]\nwarm = " + warm + "\n");
        AgentRegistry agents = AgentRegistry.load(agentsFile);
        // Claude Code as a second agent: its worker is never run here, but its usage records can be written.
        List<DetectedAgent> roster = List.of(new DetectedAgent(agents.find("demo").orElseThrow(), Path.of("/bin/true"),
                "demo 1", null), new DetectedAgent(agents.find("claude").orElseThrow(), Path.of("/bin/true"), "2", null));
        supervisor = new Supervisor(session, store, tmux, git, launcher, integration, new Verifier(runner),
                roster, maxWorkers, HealthPolicy.DEFAULT, SessionContext.NONE, progress::add);
    }

    /** A session over a fresh repository; {@code before} may commit to it first (verify commands, say). */
    static TeamFixture open(Path dir, int maxWorkers, RepoSetUp before) throws IOException {
        TestRepo repo = TestRepo.create(dir.resolve("project"));
        before.accept(repo);
        return new TeamFixture(dir, repo, maxWorkers, false);
    }

    /** A session whose demo agents start warm ({@link WarmWorkers}). */
    static TeamFixture openWarm(Path dir, int maxWorkers, RepoSetUp before) throws IOException {
        TestRepo repo = TestRepo.create(dir.resolve("project"));
        before.accept(repo);
        return new TeamFixture(dir, repo, maxWorkers, true);
    }

    static TeamFixture open(Path dir, int maxWorkers) throws IOException {
        return open(dir, maxWorkers, r -> { });
    }

    interface RepoSetUp {
        void accept(TestRepo repo) throws IOException;
    }

    WorkerRecord spawn(String task) {
        return supervisor.spawner().spawn(request(task, List.of(), null));
    }

    static SpawnRequest request(String task, List<String> dependsOn, String requestId) {
        return new SpawnRequest(task, null, List.of(), null, null, null, dependsOn, requestId, List.of());
    }

    /** What the agent would do: writes {@code file} in its worktree and commits it. */
    void commit(WorkerRecord w, String file, String text) throws IOException {
        Path worktree = Path.of(w.worktree());
        Files.writeString(worktree.resolve(file), text);
        TestRepo.gitIn(worktree, "add", "-A");
        TestRepo.gitIn(worktree, "-c", "user.name=Agent", "-c", "user.email=agent@example.invalid", "commit", "-q",
                "-m", "work of " + w.id());
    }

    /** The agent writes its done flag; returns the worker once the engine has recorded its end. */
    WorkerRecord finish(WorkerRecord w, WorkerState state, String summary) throws Exception {
        new DoneFlag(state, summary).write(Path.of(w.worktree()));
        return supervisor.board().awaitTerminal(w.id(), Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    }

    /** A file as the integration branch has it (empty when it does not). */
    String onIntegration(String file) {
        return git("show", integration.branch() + ":" + file);
    }

    String git(String... args) {
        try {
            return repo.git(args);
        } catch (RuntimeException e) {
            return "";
        }
    }

    List<String> eventKinds() {
        return store.events(SESSION).stream().map(EventRecord::kind).toList();
    }

    @Override
    public void close() {
        supervisor.shutdown();
        store.close();
    }
}
