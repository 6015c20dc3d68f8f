package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults in the environment give one clear error, a documented exit code, and lose nothing: an
 * unwritable data or state directory, the state database locked by another process, a git gc running
 * alongside. (Tests run as root in CI, where permission bits do not stop writes, so "unwritable" is a
 * directory path that runs through a regular file.)
 */
@Timeout(240)
class EnvironmentFaultsIT extends SandboxedRun {
    private ExecResult goal(String goal) {
        return dist.run("--goal", goal, "--agents", "demo", "--project", project.dir().toString(), "--no-attach",
                "--json");
    }

    @Test
    void anUnwritableDataOrStateDirectoryIsAClearErrorAndTheRepoIsUntouched() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        for (String variable : new String[]{"XDG_DATA_HOME", "XDG_STATE_HOME"}) {
            Distribution broken = new Distribution(dir.resolve("sandbox-" + variable))
                    .withEnv(variable, blocker.resolve("sub").toString());
            try {
                ExecResult r = broken.run("--goal", "Anything", "--agents", "demo", "--project",
                        project.dir().toString(), "--no-attach");
                assertEquals(1, r.exitCode(), variable + ": " + r.stderr());
                assertTrue(r.stderr().contains(blocker.toString()), variable + " names the path: " + r.stderr());
                assertTrue(r.stderr().contains("check"), variable + " says what to do: " + r.stderr());
                assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
            } finally {
                broken.close();
            }
        }
        assertEquals("", project.git("branch", "--list", "agentorchestr/*"), "no branch was created");
    }

    @Test
    void theStateDatabaseLockedByAnotherProcessIsAClearErrorAndKeepsItsData() throws Exception {
        ExecResult first = goal("First note");
        assertEquals(0, first.exitCode(), first.stderr());
        String session = new ObjectMapper().readTree(first.stdout()).get("session").asText();

        try (DatabaseLocker locked = DatabaseLocker.lock(dir, dist.stateDb(), java.time.Duration.ofSeconds(90))) {
            ExecResult r = goal("Second note");

            assertEquals(1, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("another process holds a lock"), r.stderr());
        }
        JsonNode listed = new ObjectMapper().readTree(dist.run("--list-sessions", "--json").stdout());
        assertTrue(listed.toString().contains(session), "the earlier session is still there: " + listed);
    }

    @Test
    void aGitGcRunningAlongsideDoesNotBreakTheRun() throws Exception {
        // The loop stops itself at a file rather than being killed: killing the shell would orphan the
        // git gc it runs, which then writes into the project while the temp directory is deleted.
        Path stop = dir.resolve("stop-gc");
        Process gc = new ProcessBuilder("sh", "-c", "while [ ! -e '" + stop + "' ]; do git -C '" + project.dir()
                + "' gc --quiet >/dev/null 2>&1; done").start();
        try {
            ExecResult r = goal("One\nTwo\nThree");
            assertEquals(0, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
            JsonNode out = new ObjectMapper().readTree(r.stdout());
            for (JsonNode w : out.get("workers")) {
                assertTrue(!w.get("merged_commit").isNull(), w.toString());
            }
        } finally {
            stopLoop(gc, stop);
        }
        // Nothing missing or broken. A dangling commit is not damage: a git command that lost a lock to gc
        // is run again (GitCommands), and a commit its first run wrote is left for gc to prune.
        List<String> problems = project.git("fsck", "--no-progress", "--connectivity-only").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("dangling ")).toList();
        assertEquals(List.of(), problems);
    }

    private static void stopLoop(Process loop, Path stop) throws IOException, InterruptedException {
        Files.writeString(stop, "");
        if (!loop.waitFor(60, TimeUnit.SECONDS)) {
            loop.descendants().forEach(ProcessHandle::destroyForcibly);
            loop.destroyForcibly();
            loop.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
