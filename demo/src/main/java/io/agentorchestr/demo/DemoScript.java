package io.agentorchestr.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [demo:...]} directives in a task, which script the demo agent's behaviour so tests can
 * exercise every path of completion and health handling:
 * {@code sleep=N}, {@code fail}, {@code blocked}, {@code crash}, {@code hang}, {@code silent},
 * {@code edit=PATH}, {@code ask}, {@code ignore}, {@code nocommit}, {@code hostile} (a summary full of
 * terminal escape sequences and a NUL), {@code question=WORKER} (asks it over send_message and waits for
 * the answer), {@code answer} (answers the questions it is told of; see {@link DemoMail}) and
 * {@code research=QUERY} (looks QUERY up with web_research and writes the brief into its file). For the lead,
 * {@code role=NAME} on a goal line spawns that line's worker in that perspective ({@code agent=KEY} with that
 * agent); {@code id=ID} makes the
 * lines a plan ({@code after=ID,ID} its dependencies, {@code retry} retried once when it fails; see
 * {@link DemoPlan}); and {@code failfirst} fails a task's first attempt only. For the lead, a goal line with {@code external} or
 * {@code external=WORD} is handed to agents outside the session instead of a worker, and
 * {@code slowstart=N} on any line delays its connection to its tools by N seconds.
 */
record DemoScript(Map<String, String> directives, String text) {
    private static final Pattern DIRECTIVE = Pattern.compile("\\[demo:([a-z]+)(?:=([^\\]]*))?\\]");

    static DemoScript parse(String task) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = DIRECTIVE.matcher(task);
        while (m.find()) {
            found.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
        }
        String text = DIRECTIVE.matcher(task).replaceAll("").replaceAll("[ \\t]{2,}", " ")
                .replaceAll("(?m)[ \\t]+$", "").strip();
        return new DemoScript(Map.copyOf(found), text);
    }

    boolean has(String directive) {
        return directives.containsKey(directive);
    }

    Duration sleep() {
        return seconds("sleep");
    }

    /** The number of seconds {@code directive} names; zero when it names none. */
    Duration seconds(String directive) {
        String value = directives.get(directive);
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[demo:" + directive + "=" + value + "] needs a number of seconds");
        }
    }

    String editPath() {
        return directives.get("edit");
    }

    /** The first line of the task without directives, for commit messages and summaries. */
    String title() {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("demo task").strip();
        return first.length() > 72 ? first.substring(0, 69) + "..." : first;
    }
}
