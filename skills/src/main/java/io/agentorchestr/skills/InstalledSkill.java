package io.agentorchestr.skills;

import java.nio.file.Path;

/**
 * A skill on this machine: where it is, in which scope (project or global), where it came from and the
 * commit it is pinned at, its manifest, what its signature is worth, and whether a project skill of the
 * same name hides it.
 */
public record InstalledSkill(SkillManifest manifest, String scope, Path dir, String source, String ref,
                             String commit, SkillSignatures.Verdict signature, boolean overridden) {
    public static final String PROJECT = "project";
    public static final String GLOBAL = "global";
}
