package io.agentorchestr.core.monitor;

import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which watched worker a changed file belongs to: its pane log or exit file ({@code byFile}), or a file
 * in its control directory ({@code byDir}).
 */
record FileIndex<E>(Map<Path, E> byFile, Map<Path, E> byDir) {
    /** The watched workers whose files a directory watch's key reports changed; every one on an overflow. */
    List<E> changedBy(WatchKey key) {
        DirectoryWatch.Changes changes = DirectoryWatch.changes(key);
        if (changes.overflow()) {
            return List.copyOf(byFile.values());
        }
        List<E> found = new ArrayList<>();
        for (Path file : changes.files()) {
            E e = byFile.getOrDefault(file, byDir.get(file.getParent()));
            if (e != null) {
                found.add(e);
            }
        }
        return found;
    }
}
