package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real full disk under the data directory (a small tmpfs, mounted in a mount namespace of the
 * test's own: {@code unshare -Urm}, as root in CI): the goal pauses with its agents running, and
 * {@code --resume} finishes it once space is freed.
 */
@Timeout(240)
class FullDiskIT extends SandboxedRun {
    @Test
    void aFullDiskPausesTheGoalWithItsAgentsRunningAndResumeFinishesItOnceSpaceIsFree() throws IOException {
        // w01 finishes once the disk is full: recording that is the write the disk refuses.
        // The data directory: the state store and the worktrees live there.
        Files.createDirectories(dir.resolve("xdg/data"));
        Path script = Files.writeString(dir.resolve("full-disk.sh"), String.join("\n",
                "set -u",
                "mount -t tmpfs -o size=64m none \"$XDG_DATA_HOME\" || { echo 'cannot mount a tmpfs'; exit 99; }",
                // The worktrees stay on a disk with room: the worker can commit, its record cannot be written.
                "mkdir -p \"$XDG_DATA_HOME/agentorchestr/worktrees\" \"$OUT/worktrees\"",
                "mount --bind \"$OUT/worktrees\" \"$XDG_DATA_HOME/agentorchestr/worktrees\" || exit 98",
                "\"$LAUNCHER\" --goal 'Quick note [demo:sleep=5]' --agents demo --project \"$PROJECT\" --no-attach "
                        + "> \"$OUT/run.log\" 2>&1 &",
                "pid=$!",
                "for i in $(seq 1 300); do grep -q 'w01 started' \"$OUT/run.log\" && break; sleep 0.2; done",
                "dd if=/dev/zero of=\"$XDG_DATA_HOME/fill\" bs=64k > /dev/null 2>&1",
                "wait $pid; echo \"run-exit:$?\" >> \"$OUT/run.log\"",
                "rm -f \"$XDG_DATA_HOME/fill\"",
                "sid=$(sed -n 's/.*--resume \\([0-9a-f]\\{8\\}\\).*/\\1/p' \"$OUT/run.log\" | head -1)",
                "\"$LAUNCHER\" --resume \"$sid\" --no-attach --json > \"$OUT/resume.json\" 2> \"$OUT/resume.log\"",
                "echo \"resume-exit:$?\" >> \"$OUT/run.log\"",
                ""));
        Map<String, String> env = new HashMap<>(dist.environment());
        env.put("LAUNCHER", dist.launcher().toString());
        env.put("PROJECT", project.dir().toString());
        env.put("OUT", dir.toString());
        env.put("TMUX", "");
        ExecResult r = new SystemProcessRunner().run(ProcessSpec.of("unshare", "-Urm", "bash", script.toString())
                .withEnv(env).withTimeout(Duration.ofMinutes(3)));
        String log = Files.readString(dir.resolve("run.log"));
        String diagnostics = r.stdout() + r.stderr() + "\n" + log + "\n" + read(dir.resolve("resume.log"));
        assertTrue(log.contains("run-exit:4"), "the full disk paused the goal (exit 4): " + diagnostics);
        assertTrue(log.contains("the disk holding the state store is full"), diagnostics);
        assertTrue(log.contains("resume-exit:0"), "resumed once space was free: " + diagnostics);
        JsonNode out = json.readTree(Files.readString(dir.resolve("resume.json")));
        assertEquals("done", out.get("state").asText(), diagnostics);
        assertTrue(out.get("workers").get(0).get("merged_commit").isTextual(), "w01's work was merged after all");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
