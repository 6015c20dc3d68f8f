package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.hooks.HookEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hooks.json whose every event saves the JSON it got on stdin (plus the hook's environment) into a
 * directory, one file per run named by time and event, so a test reads back what fired, in order.
 */
final class HookRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path events;

    HookRecorder(Path events) throws IOException {
        this.events = Files.createDirectories(events);
    }

    /** The command that records one run of any event. */
    String command() {
        return "f=\"" + events + "/$(date +%s%N)-$AGENTORCHESTR_HOOK_EVENT\"; cat > \"$f.json\"; "
                + "printf '%s %s %s %s' \"$AGENTORCHESTR_HOOK_EVENT\" \"$AGENTORCHESTR_SESSION_ID\" "
                + "\"$AGENTORCHESTR_MODE\" \"$AGENTORCHESTR_WORKER_ID\" > \"$f.env\"";
    }

    /** Writes {@code file} with the recorder on every event, then the given extra entries (which replace it). */
    void writeHooks(Path file, Map<String, Object> extra) throws IOException {
        ObjectNode hooks = JSON.createObjectNode();
        for (HookEvent e : HookEvent.values()) {
            hooks.putArray(e.key()).add(command());
        }
        extra.forEach((k, v) -> hooks.set(k, JSON.valueToTree(v)));
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(hooks));
    }

    /** Every recorded event, oldest first. */
    List<JsonNode> recorded() {
        try (Stream<Path> files = Files.list(events)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Path env = Path.of(f.toString().replaceAll("\\.json$", ".env"));
                if (!Files.exists(env)) {
                    continue;  // that hook is still writing (the environment line comes last)
                }
                ObjectNode n = (ObjectNode) JSON.readTree(Files.readString(f));
                n.put("$env", Files.readString(env));
                out.add(n);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> names() {
        return recorded().stream().map(n -> n.get("event").asText()).toList();
    }

    List<JsonNode> of(String event) {
        return recorded().stream().filter(n -> n.get("event").asText().equals(event)).toList();
    }
}
