package io.agentorchestr.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Codex's usage in one worktree: the rollout files under {@code sessions/YYYY/MM/DD/} of its home
 * whose {@code session_meta} names the worktree as its cwd; each file's last {@code token_count}
 * event carries the conversation's running total ({@code input_tokens} includes the cached ones).
 * Files older than the worker are not looked at.
 */
final class CodexRollouts implements UsageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path sessions;
    private final String worktree;
    private final Instant since;
    private final Set<Path> others = new HashSet<>();
    private final Map<Path, FileTail> ours = new HashMap<>();
    private final Map<Path, TokenUsage> totals = new LinkedHashMap<>();
    private final Map<Path, String> models = new HashMap<>();

    CodexRollouts(Path codexHome, Path worktree, Instant since) {
        this.sessions = codexHome.resolve("sessions");
        this.worktree = worktree.toAbsolutePath().normalize().toString();
        this.since = since.minusSeconds(60);
    }

    @Override
    public synchronized TokenUsage read() throws IOException {
        if (Files.isDirectory(sessions)) {
            try (Stream<Path> files = Files.walk(sessions, 4)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rollout-")
                        && p.toString().endsWith(".jsonl")).toList()) {
                    look(f);
                }
            }
        }
        if (ours.isEmpty()) {
            return null;
        }
        TokenUsage sum = TokenUsage.NONE;
        for (TokenUsage t : totals.values()) {
            sum = sum.plus(t);
        }
        return sum;
    }

    private void look(Path f) throws IOException {
        if (others.contains(f)) {
            return;
        }
        if (!ours.containsKey(f)) {
            if (Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
                others.add(f);
                return;
            }
            ours.put(f, new FileTail(f));
        }
        for (String line : ours.get(f).newLines()) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            JsonNode p = r.path("payload");
            switch (r.path("type").asText()) {
                case "session_meta" -> {
                    if (!worktree.equals(p.path("cwd").asText())) {
                        ours.remove(f);
                        others.add(f);
                        totals.remove(f);
                        return;
                    }
                }
                case "turn_context" -> models.put(f, p.path("model").asText(null));
                case "event_msg" -> {
                    JsonNode u = p.path("info").path("total_token_usage");
                    if ("token_count".equals(p.path("type").asText()) && u.isObject()) {
                        long cached = u.path("cached_input_tokens").asLong();
                        totals.put(f, new TokenUsage(models.get(f), u.path("input_tokens").asLong() - cached,
                                u.path("cache_write_input_tokens").asLong(), cached, u.path("output_tokens").asLong(),
                                u.path("reasoning_output_tokens").asLong()));
                    }
                }
                default -> { }
            }
        }
    }
}
