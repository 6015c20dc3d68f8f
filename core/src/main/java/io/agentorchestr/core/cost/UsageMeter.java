package io.agentorchestr.core.cost;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each worker of a session has used, read from its agent's own records where agentorchestr
 * knows their format (Claude Code's transcripts, Codex's rollouts), incrementally: each look reads only
 * what was appended since the last. An agent whose records are not known, or cannot be read, is
 * "unknown" (empty), never zero.
 */
public final class UsageMeter {
    /** Measures nothing: every agent is unknown. */
    public static final UsageMeter NONE = new UsageMeter(null, null);

    private final Path claudeConfigDir;
    private final Path codexHome;
    private final Map<String, UsageSource> sources = new ConcurrentHashMap<>();

    public UsageMeter(Path claudeConfigDir, Path codexHome) {
        this.claudeConfigDir = claudeConfigDir;
        this.codexHome = codexHome;
    }

    /** The agents' record directories as their CLIs find them: CLAUDE_CONFIG_DIR, CODEX_HOME, else under HOME. */
    public static UsageMeter fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        String claude = env.get("CLAUDE_CONFIG_DIR");
        String codex = env.get("CODEX_HOME");
        return new UsageMeter(claude == null || claude.isBlank() ? Path.of(home, ".claude") : Path.of(claude),
                codex == null || codex.isBlank() ? Path.of(home, ".codex") : Path.of(codex));
    }

    /**
     * The usage of the worker {@code id} running {@code agent} in {@code worktree} since {@code since};
     * empty when its agent's records are unknown or unreadable.
     */
    public Optional<TokenUsage> usage(String id, String agent, Path worktree, Instant since) {
        UsageSource source = sources.computeIfAbsent(id, k -> source(agent, worktree, since));
        if (source == UNKNOWN) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(source.read());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final UsageSource UNKNOWN = () -> null;

    private UsageSource source(String agent, Path worktree, Instant since) {
        if ("claude".equals(agent) && claudeConfigDir != null) {
            return new ClaudeTranscripts(claudeConfigDir, worktree);
        }
        if ("codex".equals(agent) && codexHome != null) {
            return new CodexRollouts(codexHome, worktree, since);
        }
        return UNKNOWN;
    }
}
