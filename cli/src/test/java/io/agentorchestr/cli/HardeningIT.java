package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of a whole run through the launcher, each named after the behaviour it guards: agents' text
 * never reaches the terminal raw, background trouble fails a worker instead of stalling the goal,
 * ranges are checked before anything starts, secrets are masked, a JVM crash does not litter the
 * checkout, and signals pause with the documented exit code.
 */
@Timeout(300)
class HardeningIT extends SandboxedRun {
    private static final String[] CONTROL = {"\u001b", "\u0007", "\u009b", "\u0000"};

    private static void assertNoControl(String where, String text) {
        for (String c : CONTROL) {
            assertFalse(text.contains(c), where + " holds U+" + String.format("%04X", (int) c.charAt(0)) + ": " + text);
        }
    }

    @Test
    void anAgentsEscapeSequencesNeverReachTheUsersTerminal() throws Exception {
        ExecResult r = dist.run("--goal", "Write a note [demo:hostile]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("(hostile)"), "the summary is shown, cleaned: " + r.stdout());
        assertNoControl("the report", r.stdout());
        assertNoControl("the progress lines", r.stderr());
        ExecResult list = dist.run("--list-sessions");
        assertNoControl("--list-sessions", list.stdout());
        ExecResult listJson = dist.run("--list-sessions", "--json");
        assertNoControl("--list-sessions --json", listJson.stdout());
        assertTrue(listJson.stdout().contains("\\u001B") || listJson.stdout().contains("\\u001b"),
                "JSON keeps the text, escaped: " + listJson.stdout());
    }

    @Test
    void aWorktreeDeletedMidRunFailsItsWorkerAndTheGoalStillEnds() throws Exception {
        Path log = dir.resolve("run.log");
        Process p = dist.start(log, "--goal", "Slow note [demo:sleep=30]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        Path worktree = Poll.value("the worker's worktree", Duration.ofSeconds(60), () -> {
            try (Stream<Path> trees = Files.walk(dir.resolve("xdg/data/agentorchestr/worktrees"), 3)) {
                return trees.filter(t -> t.getFileName().toString().equals("w01")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        awaitLog(log, "w01 started");
        new ProcessBuilder("rm", "-rf", worktree.toString()).start().waitFor();

        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the goal ended: " + Files.readString(log));
        String out = Files.readString(log);
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains("was deleted while it ran"), out);
        assertFalse(out.contains("\tat "), out);
    }

    @Test
    void aStateDatabaseLockedMidRunIsReportedAndTheGoalGoesOn() throws Exception {
        Path log = dir.resolve("run.log");
        Process p = dist.start(log, "--goal", "One [demo:sleep=4]\nTwo [demo:sleep=4]", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach");
        awaitLog(log, "w02 started");
        try (DatabaseLocker locked = DatabaseLocker.lock(dir, dist.stateDb(), Duration.ofSeconds(12))) {
            assertTrue(p.waitFor(200, TimeUnit.SECONDS), Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("in the state store (") && out.contains("the session goes on"), out);
        assertFalse(out.contains("\tat "), out);
    }

    /** Waits until the background run's output shows {@code text}. */
    /** Installs a git hook of the user's in the project. */
    private void gitHook(String name, String script) throws IOException {
        Path hook = project.dir().resolve(".git/hooks/" + name);
        Files.writeString(hook, "#!/bin/sh\n" + script + "\n");
        assertTrue(hook.toFile().setExecutable(true));
    }

    private static void awaitLog(Path log, String text) {
        Poll.until("'" + text + "' in the run's output", Duration.ofSeconds(60), () -> {
            try {
                return Files.readString(log).contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * The demo agent's commits and the save of uncommitted work (JGit) take the identity git would:
     * from {@code $HOME}'s git config, not from the home the JVM reads in the password database.
     */
    @Test
    void commitsAreAuthoredByTheIdentityInHomesGitConfig() throws Exception {
        project.git("config", "--unset", "user.name");
        project.git("config", "--unset", "user.email");
        Files.writeString(dist.home().resolve(".gitconfig"), "[user]\n\tname = Home Person\n"
                + "\temail = home@example.invalid\n");
        ExecResult r = dist.run("--goal", "Write a note [demo:nocommit]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String branch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout())
                .get("integration_branch").asText();
        String authors = project.git("log", "--format=%an <%ae> %s", "HEAD.." + branch);
        assertTrue(authors.lines().filter(l -> !l.startsWith("Home Person <home@example.invalid>")).toList().isEmpty(),
                "every commit by the identity of $HOME/.gitconfig:\n" + authors);
        assertTrue(authors.contains("demo(w01)") || authors.contains("w01"), authors);
    }

    /**
     * A user's pre-commit hook refuses the save of what a worker left uncommitted: the change exists
     * only in the kept worktree, so the worker is reported not merged, with the reason, never merged.
     */
    @Test
    void workThatAHookKeptFromItsBranchIsNeverReportedMerged() throws Exception {
        gitHook("pre-commit", "echo 'pre-commit: refused by policy' >&2; exit 1");
        ExecResult r = dist.run("--goal", "Write a note [demo:nocommit]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        com.fasterxml.jackson.databind.JsonNode out = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.stdout());
        com.fasterxml.jackson.databind.JsonNode w01 = out.get("workers").get(0);
        assertTrue(w01.get("merged_commit").isNull(), "w01's change never reached a branch: " + r.stdout());
        assertTrue(r.stderr().contains("w01 not merged: ") && r.stderr().contains("could not be committed"),
                r.stderr());
        assertFalse(out.get("summary").asText().contains("done and merged"), r.stdout());
        String branch = out.get("integration_branch").asText();
        assertEquals("", project.git("diff", "--stat", "HEAD", branch), "nothing reached the integration branch");
    }

    /** A start stopped by a failing post-checkout hook: the session ends failed with the reason, for goal and task. */
    @Test
    void aSessionWhoseStartFailsEndsFailedWithTheReasonNeverRunning() throws Exception {
        gitHook("post-checkout", "echo 'post-checkout: no worktrees here' >&2; exit 1");
        ExecResult goal = dist.run("--goal", "Write a note", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        ExecResult task = dist.run("--manual", "--task", "Write a note", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        assertTrue(goal.exitCode() != 0 && task.exitCode() != 0, goal.stderr() + task.stderr());
        com.fasterxml.jackson.databind.JsonNode sessions = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dist.run("--list-sessions", "--json").stdout());
        assertEquals(2, sessions.size(), sessions.toString());
        for (com.fasterxml.jackson.databind.JsonNode s : sessions) {
            assertEquals("failed", s.get("status").asText(), s.toString());
        }
        assertFalse(dist.tmux("list-sessions").ok(), "no tmux session is left either");
    }

    /** Killed with everything it ran: --clean --finished takes what is left and the session ends failed. */
    @Test
    void aSessionWhoseOwnerAndTmuxAreGoneIsCleanedByFinishedAndEndsFailed() throws Exception {
        Process p = dist.start(dir.resolve("killed.log"), "--goal", "Slow note [demo:sleep=60]", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach");
        awaitLog(dir.resolve("killed.log"), "w01 started");
        p.destroyForcibly().waitFor();
        dist.tmux("kill-server");
        ExecResult clean = dist.run("--clean", "--finished", "--json");
        assertEquals(0, clean.exitCode(), clean.stderr());
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dist.run("--list-sessions", "--json").stdout()).get(0);
        assertTrue(clean.stdout().contains(s.get("id").asText()), "the abandoned session was cleaned: " + clean.stdout());
        assertEquals("failed", s.get("status").asText(), s.toString());
    }

    /**
     * The store's files made immutable under a running goal (chattr +i, as root in CI): SQLite's mapped
     * -shm would fault with SIGBUS on the next write or read; the writes fail soft and the goal ends,
     * reported from what the run knows, its secrets masked as the store would have masked them.
     */
    @Test
    void aStoreMadeImmutableMidRunFailsSoftInsteadOfKillingTheJvm() throws Exception {
        Path log = dir.resolve("immutable.log");
        String secret = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
        Process p = dist.start(log, "--goal", "Quick note with " + secret + " [demo:sleep=5]", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach", "--json");
        awaitLog(log, "w01 started");
        Path data = dist.stateDb().getParent();
        List<String> files = new java.util.ArrayList<>(List.of("chattr", "+i"));
        try (Stream<Path> all = Files.list(data)) {
            all.filter(f -> f.getFileName().toString().startsWith("state.db")).forEach(f -> files.add(f.toString()));
        }
        ExecResult chattr = new io.agentorchestr.core.process.SystemProcessRunner().run(
                io.agentorchestr.core.process.ProcessSpec.of(files));
        try {
            assertEquals(0, chattr.exitCode(), "chattr +i needs root and a file system with attributes (ext4, "
                    + "xfs), as in CI: " + chattr.stderr());
            assertTrue(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS));
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), "no SIGBUS (exit 134): " + out);
            assertTrue(out.contains("state.db") && out.contains("is not writable (made read-only or immutable)"), out);
            assertTrue(out.contains("reporting what this run knows") && out.contains("\"summary\" : \"made the change "
                    + "for \\\"Quick note with [redacted]"), "the report from memory: " + out);
            assertFalse(out.contains(secret), out);
        } finally {
            files.set(1, "-i");
            new io.agentorchestr.core.process.SystemProcessRunner().run(
                    io.agentorchestr.core.process.ProcessSpec.of(files));
            p.destroyForcibly();
        }
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingStarts() throws Exception {
        String[][] cases = {
            {"--timeout", "1000000000000000000s", "--timeout must be from 1s to 30 days"},
            {"--timeout", "99999999999999999999s", "too long a duration"},
            {"--max-workers", "0", "--max-workers must be from 1 to 100, not 0"},
            {"--max-workers", "5000", "--max-workers must be from 1 to 100, not 5000"},
            {"--hung-after", "200h", "--hung-after: hung_after_s (--hung-after) must be from 1 s to 604800 s"},
        };
        for (String[] c : cases) {
            ExecResult r = dist.run("--goal", "x", "--agents", "demo", "--project", project.dir().toString(),
                    "--no-attach", c[0], c[1]);
            assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.stderr());
            assertTrue(r.stderr().contains(c[2]), String.join(" ", c) + ": " + r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
        }
        assertEquals("[ ]", dist.run("--list-sessions", "--json").stdout().strip(), "no session was started");
        assertFalse(dist.tmux("list-sessions").ok(), "no tmux session either");
    }

    @Test
    void secretsAreMaskedInProgressListingsAndEventsButKeptForResume() throws Exception {
        String aws = "AKIAIOSFODNN7EXAMPLE";
        String gh = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
        ExecResult r = dist.run("--goal", "Deploy with " + aws + "\nPush with " + gh, "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        String session = json.readTree(r.stdout()).get("session").asText();
        for (String secret : new String[]{aws, gh}) {
            assertFalse(r.stdout().contains(secret), "report: " + r.stdout());
            assertFalse(r.stderr().contains(secret), "progress: " + r.stderr());
            assertFalse(dist.run("--list-sessions").stdout().contains(secret));
            assertFalse(dist.run("--list-sessions", "--json").stdout().contains(secret));
        }
        assertTrue(r.stderr().contains("Deploy with [redacted]"), r.stderr());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dist.stateDb());
             ResultSet rows = c.createStatement().executeQuery("SELECT data FROM events UNION ALL SELECT goal FROM "
                     + "sessions UNION ALL SELECT task FROM workers UNION ALL SELECT coalesce(summary, '') FROM workers")) {
            while (rows.next()) {
                assertFalse(rows.getString(1).contains(aws) || rows.getString(1).contains(gh), rows.getString(1));
            }
        }
        Path goal = dir.resolve("xdg/state/agentorchestr/sessions/" + session + "/goal.md");
        assertTrue(Files.readString(goal).contains(aws), "the goal as given is kept for --resume");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(goal)));
    }

    @Test
    void aJvmCrashWritesItsReportToTheStateDirectoryNotTheCheckout() throws Exception {
        ExecResult r = dist.withEnv("AGENTORCHESTR_JAVA_OPTS", "-Xmx2m -XX:+CrashOnOutOfMemoryError")
                .runIn(project.dir(), "--list-sessions");
        assertTrue(r.exitCode() != 0, "the JVM crashed: " + r.stdout() + r.stderr());
        // The demo agent too: it runs in a worker's worktree, whose files "save uncommitted work" commits.
        ExecResult demo = dist.withEnv("AGENTORCHESTR_DEMO_JAVA_OPTS", "-Xmx2m -XX:+CrashOnOutOfMemoryError")
                .runIn(project.dir(), dist.launcher().resolveSibling("agentorchestr-demo"), "worker");
        assertTrue(demo.exitCode() != 0, "the demo agent's JVM crashed: " + demo.stdout() + demo.stderr());
        try (Stream<Path> inCheckout = Files.list(project.dir())) {
            assertTrue(inCheckout.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")),
                    "nothing in the checkout: " + project.git("status", "--porcelain", "--ignored"));
        }
        Path crash = dir.resolve("xdg/state/agentorchestr/crash");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(crash)), "crash reports are the user's only");
        try (Stream<Path> inState = Files.list(crash)) {
            assertEquals(2, inState.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).count(),
                    "both reports in the state directory: " + r.stdout() + demo.stdout());
        }
    }

    @Test
    void sigtermPausesWithExitFourAndResumeTakesANewTimeout() throws Exception {
        Path log = dir.resolve("run.log");
        Process p = dist.start(log, "--goal", "Slow note [demo:sleep=60]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        awaitLog(log, "w01 started");
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        String out = Files.readString(log);
        assertEquals(4, p.exitValue(), out);
        assertTrue(out.contains("SIGTERM: pausing session"), out);
        assertFalse(out.contains("Exception"), out);
        JsonNode listed = json.readTree(dist.run("--list-sessions", "--json").stdout()).get(0);
        assertEquals("paused", listed.get("status").asText());

        ExecResult resumed = dist.run("--resume", listed.get("id").asText(), "--timeout", "3s", "--no-attach");
        assertEquals(3, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stdout().contains("the goal's time (3 s) ran out"), resumed.stdout());
    }

    @Test
    void sigtermWhileTheSessionStartsPausesItOnceItHasStarted() throws Exception {
        Path idle = Files.writeString(dir.resolve("idle-lead.sh"), "#!/bin/sh\necho 'idle lead'\nexec cat\n");
        Files.setPosixFilePermissions(idle, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("xdg/config/agentorchestr"));
        Files.writeString(dir.resolve("xdg/config/agentorchestr/agents.toml"), "[agents.idle]\nbinaries = [\"" + idle
                + "\"]\nprompt = \"arg\"\nlead_prompt = \"paste\"\nmcp = \"flag\"\nmcp_args = [\"--mcp-config\", "
                + "\"{mcp_config}\"]\n");
        Files.createDirectories(project.dir().resolve(".agentorchestr"));
        Files.writeString(project.dir().resolve(".agentorchestr/config.toml"), "[lead]\ntools_timeout_s = 8\n");
        project.git("add", "-A");
        project.git("commit", "-q", "-m", "lead settings");
        Path log = dir.resolve("run.log");
        Process p = dist.start(log, "--goal", "Anything", "--lead", "idle", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        awaitLog(log, "MCP server on");
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        String out = Files.readString(log);
        assertEquals(4, p.exitValue(), out);
        assertTrue(out.contains("will pause as soon as it has started"), out);
        assertFalse(out.contains("Exception") || out.contains("Shutdown in progress"), out);
    }

    @Test
    void uncommittedChangesOrAnUnfinishedMergeInTheCheckoutAreWarnedAbout() throws Exception {
        Files.writeString(project.dir().resolve("scratch.txt"), "not committed");
        Files.writeString(project.dir().resolve(".git/MERGE_HEAD"), project.git("rev-parse", "HEAD") + "\n");
        ExecResult r = dist.run("--goal", "A note", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("your checkout has uncommitted changes (1 file(s)); workers start from commit"),
                r.stderr());
        assertTrue(r.stderr().contains("your checkout is in the middle of a merge"), r.stderr());
    }
}
