package io.agentorchestr.cli.docs;

import io.agentorchestr.core.error.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The man page, written in troff from picocli's model of the command, so it lists exactly the
 * options the program accepts, with the descriptions {@code --help} shows.
 */
public final class ManPage {
    private ManPage() {
    }

    public static String render(CommandLine cmd, String version) {
        CommandSpec spec = cmd.getCommandSpec();
        String name = spec.name();
        StringBuilder t = new StringBuilder();
        t.append(".TH ").append(name.toUpperCase()).append(" 1 \"").append(LocalDate.of(2026, 1, 1).getYear())
                .append("\" \"").append(name).append(' ').append(escape(version)).append("\" \"User Commands\"\n");
        t.append(".SH NAME\n").append(name).append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        t.append(".SH SYNOPSIS\n");
        for (String line : new String[]{"--goal TEXT | --goal-file PATH | --interactive [OPTIONS]",
            "--manual --task TEXT [OPTIONS]", "--resume ID [--timeout DURATION]", "--clean [ID...] [--finished] "
            + "[--dry-run] [--force]", "--list-sessions | --detect | --doctor [--json]"}) {
            t.append(".B ").append(name).append("\n").append(escape(line)).append("\n.br\n");
        }
        t.append(".SH DESCRIPTION\n").append(escape("agentorchestr runs terminal coding agents in parallel: a lead "
                + "agent plans through MCP tools, workers run in tmux panes on their own git worktrees and branches, "
                + "and their work is merged into one integration branch and verified.")).append('\n');
        t.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            t.append(".TP\n").append(Arrays.stream(o.names()).map(n -> "\\fB" + escape(n) + "\\fR")
                    .collect(Collectors.joining(", ")));
            if (!o.paramLabel().isEmpty() && o.arity().max() > 0) {
                t.append(" \\fI").append(escape(o.paramLabel().replaceAll("[<>]", ""))).append("\\fR");
            }
            t.append('\n').append(escape(String.join(" ", o.description())
                    .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())))).append('\n');
        }
        t.append(".SH EXIT STATUS\n");
        for (ExitCode c : ExitCode.values()) {
            t.append(".TP\n.B ").append(c.code()).append('\n').append(escape(c.meaning())).append('\n');
        }
        t.append(".SH ENVIRONMENT\n");
        environment(t, "AGENTORCHESTR_CONFIG_DIR, AGENTORCHESTR_DATA_DIR, AGENTORCHESTR_STATE_DIR",
                "Override where configuration, the state database and worktrees, and session directories live.");
        environment(t, "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR",
                "The XDG base directories used when the variables above are not set.");
        environment(t, "AGENTORCHESTR_TMUX_SOCKET", "The tmux server to use (a socket path); default: tmux's own.");
        environment(t, "AGENTORCHESTR_JAVA_OPTS", "Extra options for the Java virtual machine.");
        environment(t, "NO_COLOR", "When set, no colours are used.");
        t.append(".SH FILES\n");
        environment(t, "$XDG_DATA_HOME/agentorchestr/state.db", "Sessions, workers and the event log (SQLite).");
        environment(t, "$XDG_CONFIG_HOME/agentorchestr/agents.toml", "Your additions to, and changes of, the "
                + "bundled agent profiles.");
        environment(t, ".agentorchestr/config.toml", "Per project: verify commands and health settings.");
        t.append(".SH SEE ALSO\n.BR tmux (1),\n.BR git-worktree (1)\n");
        return t.toString();
    }

    private static void environment(StringBuilder t, String name, String text) {
        t.append(".TP\n.B ").append(escape(name)).append('\n').append(escape(text)).append('\n');
    }

    /** Backslashes doubled, hyphens as minus signs, and no line starting with a control character. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-").replace("%n", " ");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }
}
