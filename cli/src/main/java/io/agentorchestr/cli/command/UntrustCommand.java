package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.skills.SkillSignatures;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --untrust NAME}: removes NAME from the user's allowed_signers. */
public final class UntrustCommand extends ModeCommand {
    private final String principal;

    public UntrustCommand(CliContext context, CommandSpec spec, CommonOptions common, String principal) {
        super(context, spec, common);
        this.principal = principal;
    }

    @Override
    public Integer call() {
        SkillSignatures signatures = SkillTrust.signatures(context);
        int lines = signatures.untrust(principal);
        if (lines == 0) {
            throw AgentorchestrException.usage("no key is trusted as '" + principal + "' in " + signatures.trustStore()
                    + "; the principals are the first field of each line there");
        }
        progress("no longer trusted: " + principal + " (" + lines + " line(s) of " + signatures.trustStore() + ")");
        return 0;
    }
}
