package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.skills.InstalledSkill;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/** {@code --skill-list [--json]}: the installed skills, project ones first. */
public final class SkillListCommand extends ModeCommand {
    public SkillListCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        super(context, spec, common);
    }

    @Override
    public Integer call() {
        io.agentorchestr.skills.SkillStore store = SkillTrust.store(context, common);
        List<InstalledSkill> skills = store.list();
        store.problems().forEach(p -> err().println("agentorchestr: skipped: " + p));
        if (common.json) {
            Json.print(out(), skills.stream().map(SkillJson::of).toList());
            return 0;
        }
        if (skills.isEmpty()) {
            err().println("agentorchestr: no skills installed; add one with --skill-add SOURCE");
            return 0;
        }
        TextTable table = new TextTable("NAME", "VERSION", "SCOPE", "SOURCE", "COMMIT", "SIGNER", "TRUSTED");
        for (InstalledSkill s : skills) {
            table.row(s.manifest().name(), s.manifest().version(), s.scope() + (s.overridden() ? " (hidden by "
                            + "project)" : ""), String.valueOf(s.source()), s.commit() == null ? "-"
                            : s.commit().substring(0, 12), s.signature().signer() == null ? "-" : s.signature().signer(),
                    (s.signature().ok() ? "yes: " : "no: ") + s.signature().reason());
        }
        table.print(out());
        out().flush();
        return 0;
    }
}
