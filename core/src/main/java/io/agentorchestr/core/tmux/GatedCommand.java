package io.agentorchestr.core.tmux;

import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.config.UntrustedFile;

import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wraps an agent's argv so it starts only when released: the wrapper first reads its own terminal
 * until end of input, which {@link #release} types (Ctrl-D: the terminal never echoes it, and keeps
 * it for a read that has not started yet, so there is no race). Meanwhile pipe-pane is attached and
 * pane options are set, before the agent prints its first byte. The gate costs no process: a tmux
 * client waiting on a channel did, on every spawn. The wrapper then replaces {@code {prompt}}
 * arguments with the prompt file's content and runs the agent. It does not exec: after the agent
 * exits it writes the exit status to {@code $AGENTORCHESTR_EXIT_FILE}, because tmux 3.3 sometimes
 * marks a fast-exiting pane dead without ever reporting its {@code pane_dead_status}.
 */
public final class GatedCommand {
    public static final String PROMPT_FILE_ENV = "AGENTORCHESTR_PROMPT_FILE";
    public static final String PROMPT_TOKEN = "{prompt}";
    public static final String EXIT_FILE_ENV = "AGENTORCHESTR_EXIT_FILE";

    /** Exit status when the prompt file could not be read. */
    public static final int PROMPT_UNREADABLE = 98;

    /**
     * A 0600 file of {@code export K='v'} lines read (then emptied) before the agent starts: secrets
     * stay out of argv. A launch file ({@link #writeLaunchFile}) also says where and what to run.
     */
    public static final String ENV_FILE_ENV = "AGENTORCHESTR_ENV_FILE";
    /** Exit status when the secret environment file could not be read. */
    public static final int ENV_UNREADABLE = 96;
    /** Exit status when the launch file's working directory is missing. */
    public static final int WORKDIR_MISSING = 95;

    /**
     * Space-separated variable names (a trailing {@code *} matches a prefix) the wrapper removes
     * before the agent starts: the pane's environment is the tmux server's, not ours.
     */
    public static final String UNSET_ENV = "AGENTORCHESTR_UNSET_ENV";

    /** The OSC the wrapper prints after the agent exits: {@link #EXIT_MARK} in the pane log. */
    private static final String EXIT_MARK_OSC = "7770;agentorchestr-exit";
    /** What the pane log holds (ASCII) once the agent has exited and all it printed is in the log. */
    public static final String EXIT_MARK = "\033]" + EXIT_MARK_OSC + "\007";

    /** The wrapper's way out: records the status in the exit file (the authority on it), then exits. */
    private static final String END = "agentorchestr_end";

    private static final String SCRIPT = String.join("\n",
            END + "() { if [ -n \"${" + EXIT_FILE_ENV + ":-}\" ]; then printf '%s\\n' \"$1\" > \"$"
                    + EXIT_FILE_ENV + "\"; fi; if [ -n \"${agentorchestr_launch:-}\" ]; then rm -f -- "
                    + "\"$agentorchestr_launch\"; fi; exit \"$1\"; }",
            // The gate: lines typed before the release are read and dropped; end of input releases.
            "while read -r agentorchestr_line; do :; done",
            "if [ -n \"${" + ENV_FILE_ENV + ":-}\" ]; then",
            "  agentorchestr_launch=$" + ENV_FILE_ENV,
            "  . \"$agentorchestr_launch\" || " + END + " " + ENV_UNREADABLE,
            // Emptied, not removed: no rm process between the release and the agent (removed at the end).
            "  : > \"$agentorchestr_launch\"; unset " + ENV_FILE_ENV,
            "fi",
            // set -f: the patterns are matched against names, never expanded against files.
            "if [ -n \"${" + UNSET_ENV + ":-}\" ]; then",
            "  set -f",
            "  for n in $(env | sed -n 's/^\\([A-Za-z_][A-Za-z0-9_]*\\)=.*/\\1/p'); do",
            "    for p in $" + UNSET_ENV + "; do case \"$n\" in $p) unset \"$n\" ;; esac; done",
            "  done",
            "  set +f; unset " + UNSET_ENV,
            "fi",
            // The prompt file is read (a cat process) only when an argument asks for it.
            "n=; for a; do [ \"$a\" = '" + PROMPT_TOKEN + "' ] && n=1; done",
            "if [ -n \"$n\" ] && [ -n \"${" + PROMPT_FILE_ENV + ":-}\" ]; then",
            "  p=$(cat -- \"$" + PROMPT_FILE_ENV + "\") || " + END + " " + PROMPT_UNREADABLE,
            "  for a; do shift; if [ \"$a\" = '" + PROMPT_TOKEN + "' ]; then set -- \"$@\" \"$p\";"
                    + " else set -- \"$@\" \"$a\"; fi; done",
            "fi",
            "\"$@\"",
            "status=$?",
            // Into the pane's output after everything the agent printed: once it is in the pane log,
            // so is the agent's last output. Terminals (tmux too) ignore an unknown OSC.
            "printf '\\033]" + EXIT_MARK_OSC + "\\007'",
            END + " \"$status\"");

    private GatedCommand() {
    }

    /** Where the wrapper of a pane logged to {@code log} records its agent's exit status: beside the log. */
    public static Path exitFileFor(Path log) {
        String name = log.getFileName().toString().replaceFirst("\\.log$", "");
        return log.resolveSibling(name + ".exit");
    }

    /** The exit status the wrapper recorded, if the agent has exited. */
    public static Optional<Integer> recordedExitStatus(Path exitFile) {
        // Its path is in the agent's environment: whatever it put there is read as a few bytes at most.
        try {
            return UntrustedFile.head(exitFile, 16).map(String::strip).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes {@code secrets} as a file only the user can read, for the wrapper to source: values
     * passed with {@code tmux -e} would show in the tmux client's argv to every local user.
     */
    public static void writeSecretEnv(Path file, Map<String, String> secrets) {
        PrivateFile.write(file, "the agent's environment", exports(secrets));
    }

    /**
     * Writes what the wrapper of a pane opened with {@code wrap(List.of())} runs once released: its
     * environment, its working directory and its argv. The pane can so open (tmux forking its shell,
     * pipe-pane its logger) while what the agent needs is still being made, its worktree among it.
     */
    public static void writeLaunchFile(Path file, Map<String, String> env, Path workDir, List<String> argv) {
        StringBuilder text = new StringBuilder(exports(env));
        text.append("cd -- ").append(quote(workDir.toString())).append(" || ").append(END).append(' ')
                .append(WORKDIR_MISSING).append('\n');
        text.append("set --");
        argv.forEach(a -> text.append(' ').append(quote(a)));
        PrivateFile.write(file, "the agent's launch", text.append('\n').toString());
    }

    private static String exports(Map<String, String> env) {
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + k);
            }
            text.append("export ").append(k).append('=').append(quote(v)).append('\n');
        });
        return text.toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Lets the wrapper in {@code pane} go (what it waits for is typed at once, or kept until it reads). */
    public static void release(Tmux tmux, PaneRef pane) {
        tmux.sendKeys(pane, "C-d");
    }

    public static List<String> wrap(List<String> argv) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "agentorchestr-launch"));
        command.addAll(argv);
        return command;
    }
}
