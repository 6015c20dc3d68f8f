package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.skills.SkillDigest;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code --skill-digest DIR}: the text a skill's signature covers, for signing with ssh-keygen. */
public final class SkillDigestCommand extends ModeCommand {
    private final Path dir;

    public SkillDigestCommand(CliContext context, CommandSpec spec, CommonOptions common, Path dir) {
        super(context, spec, common);
        this.dir = dir;
    }

    @Override
    public Integer call() {
        out().print(SkillDigest.of(dir));
        out().flush();
        return 0;
    }
}
