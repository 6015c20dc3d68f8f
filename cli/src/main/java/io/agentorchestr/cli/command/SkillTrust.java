package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.skills.AllowedSigners;
import io.agentorchestr.skills.SkillSignatures;
import io.agentorchestr.skills.SkillStore;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the skill commands share: the user's trust store ({@code $XDG_CONFIG_HOME/agentorchestr/
 * allowed_signers}), the installed skills (global, and the project's), and whether signatures are
 * required.
 */
final class SkillTrust {
    private SkillTrust() {
    }

    static SkillSignatures signatures(CliContext context) {
        return new SkillSignatures(new AllowedSigners(context.paths().config().resolve("allowed_signers")));
    }

    static SkillStore store(CliContext context, CommonOptions common) {
        return new SkillStore(context.paths().data().resolve("skills"), projectRoot(common)
                .map(root -> root.resolve(".agentorchestr/skills")).orElse(null), signatures(context));
    }

    /** --require-signed-skills, or [skills] require_signed = true in the project's config. */
    static boolean requireSigned(CommonOptions common, boolean flag) {
        return flag || projectRoot(common).flatMap(ProjectConfig::load)
                .map(t -> Boolean.TRUE.equals(t.getBoolean("skills.require_signed"))).orElse(false);
    }

    /** --project PATH, else the git repository around the current directory (none outside one). */
    static java.util.Optional<Path> projectRoot(CommonOptions common) {
        Path start = (common.project == null ? Path.of("") : common.project).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return java.util.Optional.of(p);
            }
        }
        return common.project == null ? java.util.Optional.empty() : java.util.Optional.of(start);
    }
}
