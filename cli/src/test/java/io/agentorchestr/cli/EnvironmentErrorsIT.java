package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher in a controlled PATH: what a user sees when tmux is missing or old, when no agent is
 * installed, when the project is not a repository; --doctor, --detect and symlinked launchers.
 */
@Timeout(120)
class EnvironmentErrorsIT {
    /** What the launcher, git, tmux and the demo agent need from PATH; agents are added per test. */
    private static final List<String> BASE_TOOLS = List.of("sh", "readlink", "dirname", "cat", "git", "stty", "head",
            "env", "sleep", "mkdir", "printf");

    @TempDir
    Path dir;
    private Distribution dist;
    private Path bin;
    private Path repo;

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : BASE_TOOLS) {
            link(tool);
        }
        dist.withPath(bin.toString());
        repo = Files.createDirectories(dir.resolve("project"));
        run("git", "-C", repo.toString(), "init", "-q");
        run("git", "-C", repo.toString(), "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q",
                "--allow-empty", "-m", "init");
    }

    @AfterEach
    void tearDown() {
        dist.close();
    }

    /** Puts a real tool on the sandbox PATH (a script that execs it; a symlink out of the temp dir
     * makes JUnit warn at cleanup). */
    private void link(String tool) throws IOException {
        script(tool, "exec '" + which(tool) + "' \"$@\"");
    }

    private static Path which(String tool) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(tool + " is not on PATH");
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void run(String... argv) {
        new SystemProcessRunner().runChecked(ProcessSpec.of(argv));
    }

    private ExecResult manual(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--manual", "--task", "t", "--project",
                repo.toString(), "--no-attach"));
        args.addAll(List.of(extra));
        return dist.run(args.toArray(String[]::new));
    }

    @Test
    void missingTmuxIsAnErrorNamingHowToInstallIt() {
        ExecResult r = manual("--agents", "demo");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("agentorchestr: error: tmux is not installed; install tmux 3.2 or newer"),
                r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void anOldTmuxIsRefusedWithTheVersionItNeeds() throws IOException {
        script("tmux", "echo 'tmux 2.9a'");
        ExecResult r = manual("--agents", "demo");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("tmux 2.9a is too old; agentorchestr needs tmux 3.2 or newer"), r.stderr());
    }

    @Test
    void aDirectoryThatIsNotARepositoryIsAUsageError() throws IOException {
        link("tmux");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        ExecResult r = dist.run("--manual", "--task", "t", "--agents", "demo", "--project", plain.toString(),
                "--no-attach");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(plain + " is not a git repository"), r.stderr());
        assertTrue(r.stderr().contains("git init"), r.stderr());
    }

    @Test
    void aMissingProjectDirectoryIsAUsageError() throws IOException {
        link("tmux");
        ExecResult r = dist.run("--manual", "--task", "t", "--agents", "demo", "--project",
                dir.resolve("nope").toString(), "--no-attach");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("does not exist"), r.stderr());
    }

    @Test
    void anUnknownBaseRefIsAUsageError() throws IOException {
        link("tmux");
        ExecResult r = manual("--agents", "demo", "--base", "no-such-branch");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--base no-such-branch does not name a commit"), r.stderr());
    }

    @Test
    void noInstalledAgentIsAnErrorThatPointsAtTheDemo() throws IOException {
        link("tmux");
        ExecResult r = manual();
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no agent CLI is installed; install one of claude, openclaude, codex"),
                r.stderr());
        assertTrue(r.stderr().contains("--agents demo"), r.stderr());
    }

    @Test
    void aRequestedAgentThatIsNotInstalledIsNamed() throws IOException {
        link("tmux");
        ExecResult r = manual("--agents", "claude,codex");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("none of the requested agents is installed (looked for claude: claude, "
                + "codex: codex on PATH)"), r.stderr());
    }

    @Test
    void doctorFailsWithAFixPerCheckAndPassesOnceFixed() throws IOException {
        ExecResult sick = dist.run("--doctor");
        assertEquals(1, sick.exitCode(), sick.stdout() + sick.stderr());
        assertTrue(sick.stdout().contains("FAIL tmux"), sick.stdout());
        assertTrue(sick.stdout().contains("fix: install tmux 3.2+"), sick.stdout());
        assertTrue(sick.stdout().contains("FAIL agents            no agent CLI installed: the demo works"),
                sick.stdout());
        assertTrue(sick.stdout().contains("fix: install one: npm install -g @anthropic-ai/claude-code"), sick.stdout());
        assertTrue(sick.stdout().contains("ok   demo agent"), sick.stdout());
        assertTrue(sick.stdout().contains("ok   git"), sick.stdout());
        assertTrue(sick.stdout().contains("WARN commands          not on PATH: agentorchestr, agentorchestr-shim, "
                + "agentorchestr-demo"), sick.stdout());
        assertTrue(sick.stdout().contains("unhealthy: fix the 2 check(s) marked FAIL; also 1 warning(s)"),
                sick.stdout());

        link("tmux");
        ExecResult demoOnly = dist.run("--doctor");
        assertEquals(1, demoOnly.exitCode(), "no real agent: the tool cannot do its job\n" + demoOnly.stdout());
        assertTrue(demoOnly.stdout().contains("unhealthy: everything but an agent CLI is in place; the demo works"),
                demoOnly.stdout());

        script("claude", "echo '2.1.0 (Claude Code)'");
        ExecResult healthy = dist.run("--doctor");
        assertEquals(0, healthy.exitCode(), healthy.stdout());
        assertTrue(healthy.stdout().contains("claude 2.1.0 (Claude Code)"), healthy.stdout());
        assertTrue(healthy.stdout().contains("LiteLLM snapshot of 2026-12-07"), "the price snapshot's date: "
                + healthy.stdout());
        assertTrue(healthy.stdout().strip().endsWith("healthy (1 warning(s) marked WARN)"), "a warning does not make "
                + "the machine unhealthy:\n" + healthy.stdout());
    }

    @Test
    void detectReportsVersionsAndLeadCapabilityAsJson() throws IOException {
        link("tmux");
        script("codex", "echo 'codex-cli 0.130.0'");
        script("aider", "sleep 30");  // a hanging probe must not hold up detection forever
        ExecResult r = dist.run("--detect", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode agents = new ObjectMapper().readTree(r.stdout()).get("agents");
        JsonNode codex = find(agents, "codex");
        assertTrue(codex.get("installed").asBoolean());
        assertEquals("codex-cli 0.130.0", codex.get("version").asText());
        assertTrue(codex.get("can_lead").asBoolean());
        assertEquals("config-override", codex.get("mcp_injection").asText());
        assertTrue(find(agents, "demo").get("installed").asBoolean());
        assertFalse(find(agents, "claude").get("installed").asBoolean());
        assertTrue(find(agents, "aider").get("problem").asText().contains("timed out"));
        assertFalse(find(agents, "aider").get("can_lead").asBoolean());
    }

    @Test
    void theLauncherWorksThroughASymlinkAndPassesExitCodes() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("ao"), dist.launcher());
        ExecResult version = dist.runWith(link, "--version");
        assertEquals(0, version.exitCode(), version.stderr());
        assertTrue(version.stdout().startsWith("agentorchestr "));
        assertEquals(2, dist.runWith(link, "--bogus").exitCode());
    }

    private static JsonNode find(JsonNode agents, String name) {
        for (JsonNode a : agents) {
            if (a.get("name").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no agent " + name + " in " + agents);
    }
}
