package io.agentorchestr.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Claude Code's usage in one worktree: its transcripts under {@code projects/<slug>/} of its config
 * directory (the slug is the worktree's absolute path with '/' and '.' as '-'), each assistant
 * record's {@code message.usage}, counted once per (message id, request id): Claude Code writes a
 * record per content block of one response, each with the response's usage. Sub-agents' transcripts in
 * the same directory count too. Cache writes kept for an hour ({@code cache_creation.ephemeral_1h_input_tokens})
 * and responses to prompts past 200k tokens are kept apart for their prices.
 */
final class ClaudeTranscripts implements UsageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Map<Path, FileTail> tails = new HashMap<>();
    private final Set<String> counted = new HashSet<>();
    private TokenUsage total = TokenUsage.NONE;

    ClaudeTranscripts(Path configDir, Path worktree) {
        this.dir = configDir.resolve("projects").resolve(slug(worktree));
    }

    static String slug(Path worktree) {
        return worktree.toAbsolutePath().normalize().toString().replaceAll("[/.]", "-");
    }

    @Override
    public synchronized TokenUsage read() throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : tails.computeIfAbsent(f, FileTail::new).newLines()) {
                    add(line);
                }
            }
        }
        return total;
    }

    private void add(String line) {
        JsonNode r;
        try {
            r = JSON.readTree(line);
        } catch (IOException e) {
            return;  // not a record (a line torn by a crash): nothing to count
        }
        JsonNode usage = r.path("message").path("usage");
        if (!"assistant".equals(r.path("type").asText()) || !usage.isObject()
                || !counted.add(r.path("message").path("id").asText() + "/" + r.path("requestId").asText())) {
            return;
        }
        total = total.plus(TokenUsage.response(r.path("message").path("model").asText(null),
                usage.path("input_tokens").asLong(), usage.path("cache_creation_input_tokens").asLong(),
                usage.path("cache_read_input_tokens").asLong(), usage.path("output_tokens").asLong(), 0,
                usage.path("cache_creation").path("ephemeral_1h_input_tokens").asLong()));
    }
}
