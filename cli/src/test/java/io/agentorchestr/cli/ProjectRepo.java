package io.agentorchestr.cli;

import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A user's project for end-to-end tests: a real git repository on branch main with one commit. */
public final class ProjectRepo {
    private final Path dir;

    private ProjectRepo(Path dir) {
        this.dir = dir;
    }

    public static ProjectRepo create(Path dir) throws IOException {
        Files.createDirectories(dir);
        ProjectRepo repo = new ProjectRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Test User");
        repo.git("config", "user.email", "test@example.invalid");
        Files.writeString(dir.resolve("README.md"), "# project\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "initial");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public String git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        return new SystemProcessRunner().runChecked(ProcessSpec.of(argv)).stdout().strip();
    }

    /** Commits {@code .agentorchestr/config.toml} with these verify commands. */
    public void verifyCommands(String... commands) throws IOException {
        StringBuilder toml = new StringBuilder("[verify]\ncommands = [");
        for (int i = 0; i < commands.length; i++) {
            toml.append(i == 0 ? "" : ", ").append('"').append(commands[i].replace("\"", "\\\"")).append('"');
        }
        toml.append("]\n");
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), toml.toString());
        git("add", "-A");
        git("commit", "-q", "-m", "verify commands");
    }
}
