package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.skills.SkillSignatures;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --skill-verify NAME|DIR}: exit 0 when signed by a trusted key and untampered, 1 otherwise. */
public final class SkillVerifyCommand extends ModeCommand {
    private final String skill;

    public SkillVerifyCommand(CliContext context, CommandSpec spec, CommonOptions common, String skill) {
        super(context, spec, common);
        this.skill = skill;
    }

    @Override
    public Integer call() {
        // An installed skill's name first; else a directory.
        Path dir = SkillTrust.store(context, common).find(skill).map(s -> s.dir()).orElse(Path.of(skill));
        SkillSignatures.Verdict v = SkillTrust.signatures(context).verify(dir);
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("skill", dir.toString());
            m.put("signed", v.signed());
            m.put("valid", v.valid());
            m.put("trusted", v.trusted());
            m.put("signer", v.signer());
            m.put("fingerprint", v.fingerprint());
            m.put("reason", v.reason());
            Json.print(out(), m);
        } else {
            out().println((v.ok() ? "ok: " : "refused: ") + v.reason());
            out().flush();
        }
        return v.ok() ? 0 : ExitCode.ERROR.code();
    }
}
