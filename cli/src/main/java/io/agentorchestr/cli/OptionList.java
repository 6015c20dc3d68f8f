package io.agentorchestr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The option list of {@code --help}, laid out as picocli does but wrapped at spaces only. Picocli
 * wraps with the JDK's line break rules, which break after a dot or a slash inside a word, so paths
 * and file names came out as "~/.⏎ssh" and "PROJECT.⏎md"; a word longer than the column stays whole.
 */
final class OptionList implements CommandLine.IHelpSectionRenderer {
    /** Where descriptions start; their continuation lines are indented two more. */
    static final int DESCRIPTION_COLUMN = 29;

    @Override
    public String render(CommandLine.Help help) {
        int width = Math.max(DESCRIPTION_COLUMN + 20, help.commandSpec().usageMessage().width());
        StringBuilder out = new StringBuilder();
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options());
        options.sort(Comparator.comparingInt(OptionSpec::order));  // as picocli with sortOptions = false
        for (OptionSpec o : options) {
            if (!o.hidden()) {
                entry(out, names(help, o), String.join(" ", o.description()), width);
            }
        }
        return out.toString();
    }

    private static String names(CommandLine.Help help, OptionSpec o) {
        List<String> names = new ArrayList<>(Arrays.asList(o.names()));
        names.sort(Comparator.comparingInt(String::length));
        String shortName = names.get(0).matches("-[^-]") ? names.get(0) : null;
        String longName = names.get(names.size() - 1);
        String label = help.parameterLabelRenderer().renderParameterLabel(o, CommandLine.Help.Ansi.OFF,
                List.of()).plainString();
        String left = shortName == null ? "    " : shortName + (longName.equals(shortName) ? "  " : ", ");
        return "  " + left + (longName.equals(shortName) ? "" : longName) + label;
    }

    static void entry(StringBuilder out, String names, String description, int width) {
        StringBuilder line = new StringBuilder(names);
        if (line.length() >= DESCRIPTION_COLUMN - 1) {
            out.append(line).append('\n');
            line.setLength(0);
        }
        pad(line, DESCRIPTION_COLUMN);
        int start = DESCRIPTION_COLUMN;
        for (String word : description.strip().split(" +")) {
            boolean empty = line.length() == start;
            if (!empty && line.length() + 1 + word.length() >= width) {  // the last column stays free, as picocli's
                out.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                pad(line, DESCRIPTION_COLUMN + 2);
                start = line.length();
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void pad(StringBuilder line, int column) {
        while (line.length() < column) {
            line.append(' ');
        }
    }
}
