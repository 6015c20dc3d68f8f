package io.agentorchestr.cli;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point. Only {@link #main} exits the JVM; everything else returns an exit code. */
public final class Main {
    private static final String MODES_SECTION = "modes";
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, System.getenv(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Asked by scripts and plugins at every start: answered without building the command model.
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return 0;
        }
        CliContext context = new CliContext(env);
        try {
            CommandLine cmd = commandLine(context);
            if (noColor(env)) {
                cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            }
            cmd.setOut(out);
            cmd.setErr(err);
            return cmd.execute(args);
        } finally {
            context.close();
        }
    }

    private static String[] exitCodeLines() {
        return java.util.Arrays.stream(ExitCode.values())
                .map(c -> String.format("  %d  %s", c.code(), c.meaning())).toArray(String[]::new);
    }

    /** https://no-color.org: present and not empty means no colour, whatever the terminal. */
    static boolean noColor(Map<String, String> env) {
        String v = env.get("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    /** The command's model, for documentation generated from it (no adapter is created). */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(new CliContext(env));
    }

    static CommandLine commandLine(CliContext context) {
        AgentorchestrCommand root = new AgentorchestrCommand(context);
        CommandLine cmd = new CommandLine(root);
        cmd.getCommandSpec().usageMessage().footer(exitCodeLines());
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new OptionList());
        // The modes, from the same table that picks them: one per run.
        cmd.getHelpSectionMap().put(MODES_SECTION, help -> String.format("%nModes (one per run):%n")
                + String.join(String.format("%n"), root.modeLines()) + String.format("%n%n"));
        java.util.List<String> keys = new java.util.ArrayList<>(cmd.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING), MODES_SECTION);
        cmd.setHelpSectionKeys(keys);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(t -> t instanceof AgentorchestrException e ? e.exitCode().code()
                : ExitCode.ERROR.code());
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            String message = ex instanceof AgentorchestrException ? ex.getMessage()
                    : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            // Messages may quote a tool's stderr or a file's name: nothing in them drives the terminal.
            err.println("agentorchestr: error: " + TerminalText.safe(message));
            if (root.verbose()) {
                ex.printStackTrace(err);
            } else if (!(ex instanceof AgentorchestrException)) {
                err.println("agentorchestr: run again with --verbose for details");
            }
            err.flush();
            return line.getExitCodeExceptionMapper().getExitCode(ex);
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("agentorchestr: error: " + TerminalText.safe(ex.getMessage()));
            err.println("agentorchestr: see --help for usage");
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cmd;
    }
}
