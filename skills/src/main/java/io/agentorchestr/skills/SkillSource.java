package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a skill comes from, as the user wrote it, turned into something git can clone:
 * {@code https://...}, {@code git@host:owner/repo}, {@code host/owner/repo} (https), a local path, or
 * {@code file://...}.
 */
public record SkillSource(String given, String uri) {

    public static SkillSource parse(String source) {
        String s = source.strip();
        if (s.isEmpty()) {
            throw AgentorchestrException.usage("--skill-add needs a source: https://host/owner/repo, "
                    + "git@host:owner/repo, host/owner/repo, a local path or file://...");
        }
        if (s.startsWith("https://") || s.startsWith("http://") || s.startsWith("ssh://") || s.startsWith("file://")
                || s.matches("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+")) {
            return new SkillSource(s, s);
        }
        Path local = Path.of(s);
        if (s.startsWith("/") || s.startsWith(".") || Files.isDirectory(local)) {
            if (!Files.isDirectory(local)) {
                throw AgentorchestrException.usage("--skill-add " + s + ": no such directory");
            }
            return new SkillSource(s, local.toAbsolutePath().normalize().toUri().toString());
        }
        if (s.matches("[A-Za-z0-9.-]+\\.[A-Za-z]+/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+(\\.git)?")) {
            return new SkillSource(s, "https://" + s + (s.endsWith(".git") ? "" : ".git"));
        }
        throw AgentorchestrException.usage("--skill-add " + s + ": not a source git can clone; use "
                + "https://host/owner/repo, git@host:owner/repo, host/owner/repo, a local path or file://...");
    }
}
