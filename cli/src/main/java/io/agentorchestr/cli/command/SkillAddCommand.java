package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.skills.InstalledSkill;
import io.agentorchestr.skills.SkillSource;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --skill-add SOURCE [--ref REF] [--project] [--require-signed-skills]}. */
public final class SkillAddCommand extends ModeCommand {
    private final String source;
    private final String ref;
    private final boolean requireSigned;

    public SkillAddCommand(CliContext context, CommandSpec spec, CommonOptions common, String source, String ref,
                           boolean requireSigned) {
        super(context, spec, common);
        this.source = source;
        this.ref = ref;
        this.requireSigned = requireSigned;
    }

    @Override
    public Integer call() {
        InstalledSkill s = SkillTrust.store(context, common).add(SkillSource.parse(source), ref,
                common.project != null, SkillTrust.requireSigned(common, requireSigned));
        if (common.json) {
            Json.print(out(), SkillJson.of(s));
        } else {
            out().println(s.dir());
            out().flush();
        }
        progress("installed " + s.manifest().name() + " " + s.manifest().version() + " (" + s.scope() + ") at "
                + s.commit().substring(0, 12) + "; " + s.signature().reason());
        return 0;
    }
}
