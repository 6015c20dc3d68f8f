package io.agentorchestr.core.testing;

import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temp dir with one commit on branch main. */
public final class TestRepo {
    private final Path dir;
    private final SystemProcessRunner runner = new SystemProcessRunner();

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    public static TestRepo create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestRepo repo = new TestRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Test User");
        repo.git("config", "user.email", "test@example.invalid");
        repo.git("config", "commit.gpgsign", "false");
        Files.writeString(dir.resolve("README.md"), "# test repo\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "initial commit");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public String git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        return runner.runChecked(ProcessSpec.of(argv)).stdout().strip();
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

    public static String gitIn(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        return new SystemProcessRunner().runChecked(ProcessSpec.of(argv)).stdout().strip();
    }
}
