package io.agentorchestr.core.context;

import java.util.List;

/**
 * A build tool found in the project, where, and the commands that check a change with it.
 *
 * @param dir      relative to the project root, empty for the root itself
 * @param evidence the file that showed it
 */
public record DetectedStack(String name, String dir, String evidence, List<String> verifyCommands) {
    public DetectedStack {
        verifyCommands = List.copyOf(verifyCommands);
    }

    /** The commands as run from the project root (verify runs there). */
    public List<String> commandsFromRoot() {
        return dir.isEmpty() ? verifyCommands
                : verifyCommands.stream().map(c -> "(cd " + shellWord(dir) + " && " + c + ")").toList();
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9._/-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
