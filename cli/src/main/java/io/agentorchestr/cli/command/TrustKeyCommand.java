package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.skills.SkillSignatures;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --trust-key PUBKEY --principal NAME}: adds the key to the user's allowed_signers for skills. */
public final class TrustKeyCommand extends ModeCommand {
    private final String key;
    private final String principal;

    public TrustKeyCommand(CliContext context, CommandSpec spec, CommonOptions common, String key, String principal) {
        super(context, spec, common);
        this.key = key;
        this.principal = principal;
    }

    @Override
    public Integer call() {
        if (principal == null) {
            throw AgentorchestrException.usage("--trust-key needs --principal NAME: who the key belongs to "
                    + "(e.g. --principal alice@example.com)");
        }
        SkillSignatures signatures = SkillTrust.signatures(context);
        boolean added = signatures.trustKey(key, principal);
        progress((added ? "trusted " : "already trusted: ") + principal + " for skills, in "
                + signatures.trustStore());
        return 0;
    }
}
