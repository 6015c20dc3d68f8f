package io.agentorchestr.cli;

import picocli.CommandLine.Option;

/** Per-project context: scaffolding it, searching its memory. */
public final class ContextOptions {
    @Option(names = "--init", order = 30, description = "Scaffold .agentorchestr/ in the project: PROJECT.md (stack, "
            + "architecture, verify commands detected from the build files), CONVENTIONS.md, hooks.json, config.toml "
            + "(defaults as comments), memory/ and skills/, and .gitignore lines. Keeps what exists; says what it "
            + "created and what it kept.")
    public boolean init;

    @Option(names = "--init-force", order = 31, description = "With --init: write the scaffolded files again, "
            + "keeping each old one as <file>.bak (memory notes and skills are never touched).")
    public boolean initForce;

    @Option(names = "--memory-search", paramLabel = "QUERY", order = 32, description = "Search the project's memory "
            + "(.agentorchestr/memory: topic notes, session episodes, research) and your global notes, as agents' "
            + "recall() does: best matches first. Exit 1 when nothing matches.")
    public String memorySearch;
}
