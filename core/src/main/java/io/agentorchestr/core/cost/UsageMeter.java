package io.agentorchestr.core.cost;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each worker of a session has used, read from its agent's own records where agentorchestr
 * knows their format (Claude Code's transcripts, Codex's rollouts, Gemini CLI's chats, OpenCode's
 * database), incrementally where they are files: each look reads only
 * what was appended since the last. An agent whose records are not known, or cannot be read, is
 * "unknown" (empty), never zero.
 */
public final class UsageMeter {
    /** Measures nothing: every agent is unknown. */
    public static final UsageMeter NONE = new UsageMeter(null, null);

    private final Path claudeConfigDir;
    private final Path codexHome;
    private final Path geminiHome;
    private final Path openCodeData;
    private final Map<String, UsageSource> sources = new ConcurrentHashMap<>();

    public UsageMeter(Path claudeConfigDir, Path codexHome) {
        this(claudeConfigDir, codexHome, null, null);
    }

    public UsageMeter(Path claudeConfigDir, Path codexHome, Path geminiHome, Path openCodeData) {
        this.claudeConfigDir = claudeConfigDir;
        this.codexHome = codexHome;
        this.geminiHome = geminiHome;
        this.openCodeData = openCodeData;
    }

    /**
     * The agents' record directories as their CLIs find them: CLAUDE_CONFIG_DIR, CODEX_HOME,
     * XDG_DATA_HOME (OpenCode's), else under HOME (Gemini CLI's ~/.gemini always).
     */
    public static UsageMeter fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new UsageMeter(dir(env, "CLAUDE_CONFIG_DIR", Path.of(home, ".claude")),
                dir(env, "CODEX_HOME", Path.of(home, ".codex")),
                Path.of(home, ".gemini"),
                dir(env, "XDG_DATA_HOME", Path.of(home, ".local", "share")).resolve("opencode"));
    }

    private static Path dir(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Path.of(v);
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
        if ("gemini".equals(agent) && geminiHome != null) {
            return new GeminiChats(geminiHome, worktree);
        }
        if ("opencode".equals(agent) && openCodeData != null) {
            return new OpenCodeSessions(openCodeData, worktree);
        }
        return UNKNOWN;
    }
}
