package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.MemoryView;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.memory.Memory;
import io.agentorchestr.core.model.MemoryHit;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code --memory-search QUERY}: the project's notes (and the user's global ones) that best match, as
 * recall() finds them for agents. Exit 0 with matches, 1 with none.
 */
public final class MemorySearchCommand extends ModeCommand {
    private static final int LIMIT = 10;
    private final String query;

    public MemorySearchCommand(CliContext context, CommandSpec spec, CommonOptions common, String query) {
        super(context, spec, common);
        this.query = query;
    }

    @Override
    public Integer call() {
        if (query.isBlank()) {
            throw AgentorchestrException.usage("--memory-search needs words to look for: agentorchestr --memory-search "
                    + "\"flaky login test\"");
        }
        Path root = projectRoot();
        List<MemoryHit> hits;
        try (Memory memory = context.memory(root)) {
            hits = memory.recall(query, LIMIT);
            print(memory, hits);
        }
        if (hits.isEmpty()) {
            progress("no note matches \"" + query + "\"; notes are in " + root.resolve(".agentorchestr/memory")
                    + " and " + context.memories().globalDir());
            return 1;
        }
        return 0;
    }

    private void print(Memory memory, List<MemoryHit> hits) {
        if (common.json) {
            Json.print(out(), hits.stream().map(h -> MemoryView.of(memory, h)).toList());
        } else if (!hits.isEmpty()) {
            TextTable table = new TextTable("NOTE", "KIND", "TITLE", "MATCH");
            hits.forEach(h -> table.row(memory.display(h.file()), h.kind(), TerminalText.firstLine(h.title(), 60),
                    TerminalText.firstLine(h.snippet(), 100)));
            table.print(out(), io.agentorchestr.cli.TerminalWidth.of(context.env()));
            List<io.agentorchestr.core.model.MemoryRoot> roots = memory.roots();
            if (hits.stream().anyMatch(h -> memory.display(h.file()).startsWith(Memory.KEPT))) {
                progress(Memory.KEPT + " is " + roots.get(1).dir());
            }
            if (hits.stream().anyMatch(h -> memory.display(h.file()).startsWith(Memory.GLOBAL))) {
                progress(Memory.GLOBAL + " is " + roots.get(2).dir());
            }
        }
        out().flush();
    }
}
