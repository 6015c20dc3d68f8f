package io.agentorchestr.core.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.model.HealthPolicy;
import io.agentorchestr.core.model.RecoveryStep;
import io.agentorchestr.core.hooks.HookEvent;
import io.agentorchestr.core.hooks.Hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The text of the files {@code --init} writes. Defaults shown in config.toml and the events listed
 * in hooks.json come from the code that uses them, so the scaffold cannot drift from what runs.
 */
final class Scaffold {
    private Scaffold() {
    }

    static String projectMarkdown(Path root, List<DetectedStack> stacks) {
        StringBuilder p = new StringBuilder("# ").append(root.getFileName() == null ? "Project" : root.getFileName())
                .append("\n\nEvery agent of every session reads this file before its task: keep it short and true.\n\n");
        p.append("## Stack\n");
        if (stacks.isEmpty()) {
            p.append("No build tool was recognised. Name the languages, frameworks and tools here.\n");
        }
        for (DetectedStack s : stacks) {
            p.append("- ").append(s.name()).append(s.dir().isEmpty() ? "" : " in `" + s.dir() + "/`")
                    .append(" (").append(s.evidence()).append(")\n");
        }
        p.append("\n## Architecture\nThe top-level layout; say in a line what each part does and how they fit.\n");
        topLevel(root).forEach(d -> p.append("- `").append(d).append("/`\n"));
        p.append("\n## How to verify\nverify() runs these on the merged work of a session, from the project root, "
                + "and stops at the first that fails (`[verify] commands` in config.toml take precedence).\n\n```sh\n");
        List<String> commands = verifyCommands(stacks);
        if (commands.isEmpty()) {
            p.append("# add the commands that build and test this project, one per line\n");
        }
        commands.forEach(c -> p.append(c).append('\n'));
        return p.append("```\n").toString();
    }

    /** A root Makefile's test target is how the project asks to be checked as a whole; else every stack's. */
    static List<String> verifyCommands(List<DetectedStack> stacks) {
        return stacks.stream().filter(s -> s.dir().isEmpty() && s.name().equals("Make")).findFirst()
                .map(DetectedStack::commandsFromRoot)
                .orElseGet(() -> stacks.stream().flatMap(s -> s.commandsFromRoot().stream()).toList());
    }

    static String conventions() {
        return resource("CONVENTIONS.md");
    }

    static String hooksJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        var comment = root.putArray("$comment");
        List.of("Each event maps to a shell command or a list of them, run with sh -c in the project root.",
                "The event arrives as JSON on stdin (docs/hooks.md lists its fields), with",
                "AGENTORCHESTR_HOOK_EVENT, _SESSION_ID, _MODE, _PROJECT and _WORKER_ID in the environment.",
                "A pre_* hook that exits non-zero or times out refuses the action; its stderr is the reason.",
                "Hooks in $XDG_CONFIG_HOME/agentorchestr/hooks.json run before these. Keys starting with $ are "
                        + "comments.",
                "Example: \"pre_task\": [\"./scripts/check-task.sh\"]").forEach(comment::add);
        ObjectNode events = root.putObject("$events");
        for (HookEvent e : HookEvent.values()) {
            events.put(e.key(), e.when());
        }
        for (HookEvent e : HookEvent.values()) {
            root.putArray(e.key());
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(
                new DefaultIndenter("  ", "\n"));
        try {
            return json.writer(pretty).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    static String configToml() {
        HealthPolicy h = HealthPolicy.DEFAULT;
        ContextBudgets c = ContextBudgets.DEFAULT;
        Map<String, Object> values = Map.ofEntries(
                Map.entry("verify.timeout_s", VerifyCommands.DEFAULT_TIMEOUT.toSeconds()),
                Map.entry("lead.tools_timeout_s", io.agentorchestr.core.config.LeadConfig.DEFAULT_TOOLS_TIMEOUT
                        .toSeconds()),
                Map.entry("workers.warm", io.agentorchestr.core.config.WorkersConfig.DEFAULT_WARM),
                Map.entry("health.hung_after_s", h.hungAfter().toSeconds()),
                Map.entry("health.on_hung", h.onHung().stream().map(RecoveryStep::label)
                        .map(l -> "\"" + l + "\"").collect(Collectors.joining(", ", "[", "]"))),
                Map.entry("health.max_restarts", h.maxRestarts()),
                Map.entry("health.idle_after_s", h.idleAfter().toSeconds()),
                Map.entry("circuit_breaker.failures", h.breakerFailures()),
                Map.entry("circuit_breaker.cooldown_s", h.breakerCooldown().toSeconds()),
                Map.entry("hooks.timeout_s", Hooks.DEFAULT_TIMEOUT.toSeconds()),
                Map.entry("context.global_chars", c.globalChars()),
                Map.entry("context.project_chars", c.projectChars()),
                Map.entry("context.conventions_chars", c.conventionsChars()),
                Map.entry("memory.prompt_notes", c.memoryNotes()),
                Map.entry("memory.prompt_chars", c.memoryChars()),
                Map.entry("tmux.layout", io.agentorchestr.core.tmux.PaneLayout.DEFAULT.kind().label()),
                Map.entry("tmux.panes_per_window", io.agentorchestr.core.tmux.PaneLayout.DEFAULT.perWindow()),
                Map.entry("notify.min_interval_s", io.agentorchestr.core.attend.NotifyConfig.DEFAULT_INTERVAL
                        .toSeconds()));
        String text = resource("config.toml");
        for (Map.Entry<String, Object> v : values.entrySet()) {
            text = text.replace("{{" + v.getKey() + "}}", String.valueOf(v.getValue()));
        }
        if (text.contains("{{")) {
            throw new IllegalStateException("config.toml template has a value with no default: " + text);
        }
        return text;
    }

    private static List<String> topLevel(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !StackDetector.SKIPPED.contains(n))
                    .sorted().limit(30).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String resource(String name) {
        try (InputStream in = Scaffold.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in the agentorchestr jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
