package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every mode understands. */
public final class CommonOptions {
    @Option(names = "--project", paramLabel = "PATH", order = 40, arity = "0..1", fallbackValue = ".",
            description = "Project root (a git repository). Default: the current directory. With --skill-add: "
                    + "install into the project's .agentorchestr/skills instead of for every project. With "
                    + "--list-sessions: only this project's sessions.")
    public Path project;

    @Option(names = "--json", order = 41, description = "Listings as JSON on stdout.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, order = 42, description = "More detail; stack traces on errors.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, order = 43, description = "Only results and errors; no progress messages.")
    public boolean quiet;

    public Path projectOrCwd() {
        return project != null ? project : Path.of("").toAbsolutePath();
    }
}
