package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.skills.InstalledSkill;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --skill-remove NAME}: uninstalls the skill that counts here (the project's, else the global one). */
public final class SkillRemoveCommand extends ModeCommand {
    private final String name;

    public SkillRemoveCommand(CliContext context, CommandSpec spec, CommonOptions common, String name) {
        super(context, spec, common);
        this.name = name;
    }

    @Override
    public Integer call() {
        InstalledSkill s = SkillTrust.store(context, common).remove(name);
        progress("removed " + name + " (" + s.scope() + ", " + s.dir() + ")");
        return 0;
    }
}
