package io.agentorchestr.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gemini CLI's usage in one worktree: its chat recordings under {@code tmp/<name>/chats/*.jsonl} of
 * its home, {@code <name>} being what {@code projects.json} maps the worktree's path to. Each
 * {@code gemini} record carries its response's {@code tokens}; a response is recorded again when it
 * gains tool calls, and the last record of a message id wins. Input includes cached tokens (shown
 * apart); output here includes the thoughts, which are billed as output.
 */
final class GeminiChats implements UsageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;
    private final String worktree;
    private final Map<Path, FileTail> tails = new HashMap<>();
    private final Map<String, TokenUsage> byMessage = new LinkedHashMap<>();
    private Path chats;

    GeminiChats(Path home, Path worktree) {
        this.home = home;
        this.worktree = worktree.toAbsolutePath().normalize().toString();
    }

    @Override
    public synchronized TokenUsage read() throws IOException {
        if (chats == null) {
            chats = chatsDir();
            if (chats == null) {
                return null;
            }
        }
        if (!Files.isDirectory(chats)) {
            return null;
        }
        try (Stream<Path> files = Files.list(chats)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : tails.computeIfAbsent(f, FileTail::new).newLines()) {
                    add(line);
                }
            }
        }
        TokenUsage sum = TokenUsage.NONE;
        for (TokenUsage t : byMessage.values()) {
            sum = sum.plus(t);
        }
        return sum;
    }

    /** The worktree's chat directory, once Gemini CLI has named the project; null before. */
    private Path chatsDir() throws IOException {
        Path projects = home.resolve("projects.json");
        if (!Files.isRegularFile(projects)) {
            return null;
        }
        JsonNode name = JSON.readTree(projects.toFile()).path("projects").path(worktree);
        return name.isTextual() ? home.resolve("tmp").resolve(name.asText()).resolve("chats") : null;
    }

    private void add(String line) {
        JsonNode r;
        try {
            r = JSON.readTree(line);
        } catch (IOException e) {
            return;
        }
        JsonNode t = r.path("tokens");
        if (!"gemini".equals(r.path("type").asText()) || !t.isObject()) {
            return;
        }
        long cached = t.path("cached").asLong();
        byMessage.put(r.path("id").asText(), TokenUsage.response(r.path("model").asText(null),
                t.path("input").asLong() + t.path("tool").asLong() - cached, 0, cached,
                t.path("output").asLong() + t.path("thoughts").asLong(), t.path("thoughts").asLong(), 0));
    }
}
