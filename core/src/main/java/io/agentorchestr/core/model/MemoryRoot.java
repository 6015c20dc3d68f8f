package io.agentorchestr.core.model;

import java.nio.file.Path;

/**
 * A directory of notes and what it is to the user: {@code project} (the project's
 * {@code .agentorchestr/memory}) or {@code global} (the data directory's, for every project).
 */
public record MemoryRoot(Path dir, String scope) {
    public MemoryRoot {
        dir = dir.toAbsolutePath().normalize();
    }
}
