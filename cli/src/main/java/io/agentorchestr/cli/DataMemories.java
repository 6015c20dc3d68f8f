package io.agentorchestr.cli;

import io.agentorchestr.core.context.ProjectFiles;
import io.agentorchestr.core.model.MemoryIndex;
import io.agentorchestr.core.store.SqliteMemoryIndex;

import java.nio.file.Path;

/** Memory notes kept in the data directory: the full-text index, and the user's notes for every project. */
record DataMemories(Path data) implements ProjectFiles.MemorySource {
    @Override
    public MemoryIndex index() {
        return SqliteMemoryIndex.open(data.resolve("memory.db"));
    }

    @Override
    public Path globalDir() {
        return data.resolve("memory");
    }
}
