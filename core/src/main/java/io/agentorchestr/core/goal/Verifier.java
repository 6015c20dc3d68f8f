package io.agentorchestr.core.goal;

import io.agentorchestr.core.context.VerifyCommands;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the project's verify commands in the integration worktree, i.e. on the merged result. They are
 * the project's own shell commands (as a user would type them), so they run through {@code sh -c}.
 * Every call runs them again: results are never cached.
 */
final class Verifier {
    private static final int TAIL_LINES = 40;

    private final ProcessRunner runner;

    Verifier(ProcessRunner runner) {
        this.runner = runner;
    }

    /** @param progress told each command as it starts: a build can run for minutes with nothing else to see */
    List<VerifyResult.CommandRun> run(VerifyCommands commands, Path worktree, Consumer<String> progress) {
        List<VerifyResult.CommandRun> runs = new ArrayList<>();
        int n = commands.commands().size();
        for (String command : commands.commands()) {
            progress.accept("verifying (" + (runs.size() + 1) + " of " + n + "): " + command + " ...");
            ExecResult r = runner.run(ProcessSpec.of("sh", "-c", command).in(worktree)
                    .withTimeout(commands.timeout()));
            String output = (r.stdout().stripTrailing() + (r.stderr().isBlank() ? "" : "\n" + r.stderr())).strip();
            runs.add(new VerifyResult.CommandRun(command, r.exitCode(), r.duration().toMillis(), r.timedOut(),
                    r.ok() ? "" : tail(output)));
            if (!r.ok()) {
                break;  // later commands usually depend on earlier ones (build before test)
            }
        }
        return runs;
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - TAIL_LINES);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
}
