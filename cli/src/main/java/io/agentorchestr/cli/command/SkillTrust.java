package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.skills.AllowedSigners;
import io.agentorchestr.skills.SkillSignatures;

/** The user's trust store, {@code $XDG_CONFIG_HOME/agentorchestr/allowed_signers}, as the skill commands use it. */
final class SkillTrust {
    private SkillTrust() {
    }

    static SkillSignatures signatures(CliContext context) {
        return new SkillSignatures(new AllowedSigners(context.paths().config().resolve("allowed_signers")));
    }
}
