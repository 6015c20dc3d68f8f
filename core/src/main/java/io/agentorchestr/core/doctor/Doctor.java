package io.agentorchestr.core.doctor;

import io.agentorchestr.core.agent.AgentSelection;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.process.CommandNotFoundException;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The {@code --doctor} use case: every prerequisite checked, each failure with its fix. */
public final class Doctor {
    private static final int MIN_JAVA = 17;

    private final ProcessRunner runner;
    private final Tmux tmux;
    private final AppPaths paths;
    /** How to install the agent CLIs that install with one command, for the fix of a machine with none. */
    static final String INSTALL_HINTS = "npm install -g @anthropic-ai/claude-code (claude), "
            + "npm install -g @openai/codex (codex), npm install -g @google/gemini-cli (gemini), "
            + "npm install -g opencode-ai (opencode); docs/agents.md lists the others";

    private final Supplier<List<DetectedAgent>> agents;
    private final List<Path> searchPath;
    private final Optional<Path> distBin;

    /**
     * @param searchPath the directories of {@code $PATH}
     * @param distBin    the distribution's {@code bin/}, when running from one
     */
    public Doctor(ProcessRunner runner, Tmux tmux, AppPaths paths, Supplier<List<DetectedAgent>> agents,
                  List<Path> searchPath, Optional<Path> distBin) {
        this.runner = runner;
        this.tmux = tmux;
        this.paths = paths;
        this.agents = agents;
        this.searchPath = List.copyOf(searchPath);
        this.distBin = distBin;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        results.add(tmuxCheck());
        results.add(gitCheck());
        results.add(javaCheck());
        results.add(writable("config directory", paths.config(), "AGENTORCHESTR_CONFIG_DIR"));
        results.add(writable("data directory", paths.data(), "AGENTORCHESTR_DATA_DIR"));
        results.add(writable("state directory", paths.state(), "AGENTORCHESTR_STATE_DIR"));
        results.add(LaunchersOnPath.check(searchPath, distBin));
        List<DetectedAgent> found = agents.get().stream().filter(DetectedAgent::installed).toList();
        results.add(demoCheck(found));
        results.add(agentCheck(found));
        results.add(priceCheck());
        return results;
    }

    /** Which prices turn tokens into USD: the shipped snapshot's date and size, and where to add more. */
    private static CheckResult priceCheck() {
        io.agentorchestr.core.cost.Prices.Snapshot s = io.agentorchestr.core.cost.Prices.snapshot();
        return CheckResult.pass("prices", "LiteLLM snapshot of " + s.date() + ", " + s.prices().size() + " model(s) "
                + "(the models Claude Code, Codex and Gemini CLI run); [prices.\"MODEL\"] in .agentorchestr/config.toml adds or "
                + "overrides one (docs/cost.md)");
    }

    private CheckResult tmuxCheck() {
        try {
            TmuxVersion v = tmux.version();
            return v.atLeast(TmuxVersion.MINIMUM) ? CheckResult.pass("tmux", v.raw())
                    : CheckResult.fail("tmux", v.raw() + " is older than " + TmuxVersion.MINIMUM.raw(),
                    "upgrade tmux to " + TmuxVersion.MINIMUM.raw() + " or newer");
        } catch (CommandNotFoundException e) {
            return CheckResult.fail("tmux", "not installed", "install tmux " + TmuxVersion.MINIMUM.raw()
                    + "+ (Debian/Ubuntu: apt-get install tmux; macOS: brew install tmux)");
        } catch (RuntimeException e) {
            return CheckResult.fail("tmux", e.getMessage(), "reinstall tmux");
        }
    }

    private CheckResult gitCheck() {
        try {
            ExecResult r = runner.run(ProcessSpec.of("git", "--version").withTimeout(Duration.ofSeconds(10)));
            return r.ok() ? CheckResult.pass("git", r.stdout().strip())
                    : CheckResult.fail("git", "`git --version` failed: " + r.stderrTail(2), "reinstall git");
        } catch (CommandNotFoundException e) {
            return CheckResult.fail("git", "not installed", "install git (Debian/Ubuntu: apt-get install git)");
        }
    }

    private static CheckResult javaCheck() {
        Runtime.Version v = Runtime.version();
        return v.feature() >= MIN_JAVA ? CheckResult.pass("java", v.toString())
                : CheckResult.fail("java", v.toString(), "install Java " + MIN_JAVA + " or newer");
    }

    static CheckResult writable(String name, Path dir, String overrideVar) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            return CheckResult.pass(name, dir + " (writable)");
        } catch (IOException | SecurityException e) {
            return CheckResult.fail(name, dir + " is not writable: " + e.getMessage(),
                    "fix the permissions of " + dir + " or point " + overrideVar + " at a writable directory");
        }
    }

    private static CheckResult demoCheck(List<DetectedAgent> found) {
        return found.stream().filter(a -> a.profile().key().equals(AgentSelection.DEMO)).findFirst()
                .map(a -> CheckResult.pass("demo agent", "bundled (" + a.version() + "): --agents demo runs a "
                        + "goal with no agent CLI or network"))
                .orElse(CheckResult.warn("demo agent", "agentorchestr-demo not found next to agentorchestr",
                        "run the distribution's bin/agentorchestr, or rebuild it (./agentorchestr builds it)"));
    }

    /**
     * Exit 1 while no real agent CLI is installed: the demo proves the machinery, but the tool cannot do
     * its real job, and the fix says exactly how to change that.
     */
    private static CheckResult agentCheck(List<DetectedAgent> found) {
        List<DetectedAgent> real = found.stream().filter(a -> !a.profile().key().equals(AgentSelection.DEMO)).toList();
        if (real.isEmpty()) {
            return CheckResult.fail("agents", "no agent CLI installed: the demo works, real work needs one of "
                    + "claude, codex, gemini, opencode, kiro, aider, goose, amp", "install one: " + INSTALL_HINTS);
        }
        return CheckResult.pass("agents", real.stream().map(a -> a.profile().key()
                + (a.version().isEmpty() ? "" : " " + a.version())).collect(Collectors.joining(", ")));
    }
}
