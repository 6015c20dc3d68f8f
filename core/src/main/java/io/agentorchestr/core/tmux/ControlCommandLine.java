package io.agentorchestr.core.tmux;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One command's argv as a tmux command line, every argument arriving exactly as given (a ";" too:
 * commands are sent one per line, see {@link ControlCommands#split}). Single quotes keep
 * text literal (no {@code $} or {@code ~} expansion); a line break or control character cannot be
 * inside them on a command line, so such arguments go in double quotes with every special character
 * escaped ({@code $} too: tmux expands variables inside double quotes).
 */
final class ControlCommandLine {
    private ControlCommandLine() {
    }

    static String of(List<String> args) {
        return args.stream().map(ControlCommandLine::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (arg.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return "'" + arg.replace("'", "'\"'\"'") + "'";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '\\', '"', '$' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
