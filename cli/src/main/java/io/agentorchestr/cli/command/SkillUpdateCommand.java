package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.skills.SkillStore;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;

/** {@code --skill-update NAME}: fetch, show what changed, check again, move. */
public final class SkillUpdateCommand extends ModeCommand {
    private final String name;
    private final boolean requireSigned;

    public SkillUpdateCommand(CliContext context, CommandSpec spec, CommonOptions common, String name,
                              boolean requireSigned) {
        super(context, spec, common);
        this.name = name;
        this.requireSigned = requireSigned;
    }

    @Override
    public Integer call() {
        SkillStore.Update u = SkillTrust.store(context, common).update(name, SkillTrust.requireSigned(common,
                requireSigned));
        if (common.json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(SkillJson.of(u.skill()));
            m.put("before", u.before());
            m.put("changed", u.changed());
            Json.print(out(), m);
            return 0;
        }
        if (u.before().equals(u.after())) {
            progress(name + " is up to date at " + u.after().substring(0, 12));
            return 0;
        }
        u.changed().forEach(out()::println);
        out().flush();
        progress("updated " + name + " " + u.before().substring(0, 12) + " -> " + u.after().substring(0, 12) + " ("
                + u.changed().size() + " file(s)); " + u.skill().signature().reason());
        return 0;
    }
}
