package io.agentorchestr.core.context;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.text.TextCut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text every prompt of a session starts with: the user's {@code global.md}, the project's
 * {@code PROJECT.md} and {@code CONVENTIONS.md}, each within its budget. It is read once per session
 * and is the same bytes for the lead and every worker, placed before anything that differs between
 * them, so agents that cache a prompt's prefix pay for it once. A file over its budget is cut at a
 * line and the cut is marked, naming the file to read for the rest; the goal and the tasks are never
 * part of it, so they are never cut.
 *
 * @param cuts the files that were cut, for the session's report
 */
public record Preamble(String text, List<String> cuts) {
    public static final Preamble NONE = new Preamble("", List.of());
    public static final String HEADING = "# Project context";
    public static final String GLOBAL_FILE = "global.md";

    public Preamble {
        cuts = List.copyOf(cuts);
    }

    /** Reads the files (those missing are left out) of {@code projectRoot} and of the config directory. */
    public static Preamble load(Path configDir, Path projectRoot) {
        return load(configDir, projectRoot, ContextBudgets.load(projectRoot));
    }

    static Preamble load(Path configDir, Path projectRoot, ContextBudgets budgets) {
        Path dir = projectRoot.resolve(ProjectConfig.DIR);
        List<String> cuts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        section(text, cuts, "Your standing instructions", configDir.resolve(GLOBAL_FILE), budgets.globalChars());
        section(text, cuts, "Project", dir.resolve("PROJECT.md"), budgets.projectChars());
        section(text, cuts, "Conventions", dir.resolve("CONVENTIONS.md"), budgets.conventionsChars());
        if (text.isEmpty()) {
            return NONE;
        }
        return new Preamble(HEADING + "\n\n" + text, cuts);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    private static void section(StringBuilder out, List<String> cuts, String title, Path file, int budget) {
        if (budget == 0 || !Files.isRegularFile(file)) {
            return;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").strip();
        } catch (IOException e) {
            out.append("## ").append(title).append("\n(").append(file).append(" could not be read: ")
                    .append(e.getMessage()).append(")\n\n");
            return;
        }
        if (content.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append(" (").append(file.getFileName()).append(")\n");
        if (content.length() > budget) {
            String kept = TextCut.atLine(content, budget);
            cuts.add(file + " (" + content.length() + " characters, budget " + budget + ")");
            out.append(kept).append("\n\n[agentorchestr cut this section here: ").append(file.getFileName())
                    .append(" has ").append(content.length()).append(" characters and its budget is ")
                    .append(budget).append("; read ").append(file).append(" for the rest]\n\n");
        } else {
            out.append(content).append("\n\n");
        }
    }
}
