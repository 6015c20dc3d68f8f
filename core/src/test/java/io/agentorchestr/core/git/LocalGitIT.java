package io.agentorchestr.core.git;

import io.agentorchestr.core.process.SystemProcessRunner;

/** The git port's contract on the git CLI and JGit of this machine. */
class LocalGitIT extends GitContract {
    @Override
    Git git() {
        return new LocalGit(new SystemProcessRunner());
    }
}
