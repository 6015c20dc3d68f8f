package io.agentorchestr.cli;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the assembled {@code bin/agentorchestr} as a user would, in a sandbox: its own HOME and XDG
 * directories and its own tmux server, all inside the test's temp dir.
 */
public final class Distribution implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("agentorchestr.dist", "target/agentorchestr"));

    private final Path sandbox;
    private final Map<String, String> env = new HashMap<>();
    private final SystemProcessRunner runner = new SystemProcessRunner();
    private Duration timeout = Duration.ofSeconds(120);

    public Distribution(Path sandbox) throws IOException {
        this.sandbox = sandbox;
        Files.createDirectories(sandbox.resolve("home"));
        env.put("HOME", sandbox.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", sandbox.resolve("xdg/config").toString());
        env.put("XDG_DATA_HOME", sandbox.resolve("xdg/data").toString());
        env.put("XDG_STATE_HOME", sandbox.resolve("xdg/state").toString());
        env.put("AGENTORCHESTR_TMUX_SOCKET", socket().toString());
        env.put("AGENTORCHESTR_TMUX_CONF", "/dev/null");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", System.getenv("PATH"));
        env.remove("TMUX");
    }

    public Path socket() {
        return sandbox.resolve("tmux.sock");
    }

    public Path stateDb() {
        return sandbox.resolve("xdg/data/agentorchestr/state.db");
    }

    public Path launcher() {
        return HOME.resolve("bin/agentorchestr").toAbsolutePath();
    }

    public Distribution withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** How long a run may take before it is killed (120 s unless set). */
    public Distribution withTimeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** The environment every run of this sandbox gets. */
    public Map<String, String> environment() {
        Map<String, String> full = new HashMap<>(env);
        full.putIfAbsent("TMUX", "");
        return full;
    }

    public Path home() {
        return sandbox.resolve("home");
    }

    public Distribution withPath(String path) {
        env.put("PATH", path);
        return this;
    }

    public ExecResult run(String... args) {
        return runWith(launcher(), args);
    }

    /** Runs the launcher with {@code cwd} as its working directory. */
    public ExecResult runIn(Path cwd, String... args) {
        return runIn(cwd, launcher(), args);
    }

    /** Runs another program of the distribution ({@code bin/agentorchestr-demo}) in {@code cwd}. */
    public ExecResult runIn(Path cwd, Path program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(List.of(args));
        Map<String, String> full = new HashMap<>(env);
        full.putIfAbsent("TMUX", "");
        return runner.run(ProcessSpec.of(argv).in(cwd).withEnv(full).withTimeout(timeout));
    }

    public ExecResult runWith(Path launcher, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(launcher.toString());
        argv.addAll(List.of(args));
        // ProcessBuilder inherits our environment; these keys override it.
        Map<String, String> full = new HashMap<>(env);
        full.putIfAbsent("TMUX", "");
        return runner.run(ProcessSpec.of(argv).withEnv(full).withTimeout(timeout));
    }

    /** Starts the launcher in the background (the JVM is the process: the launcher execs it). */
    public Process start(Path log, String... args) throws IOException {
        return startWith(launcher(), log, args);
    }

    /** Starts another program of the distribution ({@code bin/agentorchestr-shim}) in the background. */
    public Process startWith(Path program, Path log, String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        pb.environment().put("TMUX", "");
        return pb.start();
    }

    /** Runs a command against the sandbox's tmux server. */
    public ExecResult tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", socket().toString()));
        argv.addAll(List.of(args));
        return runner.run(ProcessSpec.of(argv));
    }

    /**
     * Stops the sandbox's tmux server and waits until every process that ran in its panes is gone, so
     * nothing still writes into the temp dir while JUnit deletes it.
     */
    @Override
    public void close() {
        List<ProcessHandle> processes = new ArrayList<>();
        // Live panes only: a dead pane (remain-on-exit) still reports its old pid, which by now may be
        // another process's, another test's tmux server for one, and must not be killed below.
        ExecResult panes = runner.run(ProcessSpec.of("tmux", "-S", socket().toString(), "list-panes", "-a", "-F",
                "#{pane_dead} #{pane_pid}"));
        panes.stdout().lines().filter(l -> l.matches("0 \\d+")).map(l -> Long.parseLong(l.substring(2)))
                .map(ProcessHandle::of)
                .flatMap(java.util.Optional::stream).forEach(p -> {
                    processes.add(p);
                    p.descendants().forEach(processes::add);
                });
        runner.run(ProcessSpec.of("tmux", "-S", socket().toString(), "kill-server"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (ProcessHandle p : processes) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    p.onExit().get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // still running: wait again until the deadline
                }
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
