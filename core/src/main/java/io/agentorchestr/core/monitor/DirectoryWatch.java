package io.agentorchestr.core.monitor;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One file-system watch (a JDK watch service: one inotify descriptor) for many directories. Keys with
 * events are handed to a consumer from a thread of its own; {@link #watch} is for one thread only.
 */
final class DirectoryWatch implements AutoCloseable {
    /** Files created or changed in a directory; {@code overflow} when the kernel dropped events. */
    record Changes(boolean overflow, List<Path> files) {
    }

    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread forwarder;

    DirectoryWatch(Consumer<WatchKey> fired) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch files: " + e.getMessage(), e);
        }
        this.forwarder = new Thread(() -> {
            try {
                while (true) {
                    fired.accept(service.take());
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed
            }
        }, "fleet-watch-files");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    /**
     * Watches {@code dir} (made if missing) for files created or changed; watched again when its
     * earlier watch lapsed because the directory was deleted.
     */
    void watch(Path dir) throws IOException {
        WatchKey key = keys.get(dir);
        if (key == null || !key.isValid()) {
            Files.createDirectories(dir);
            keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY));
        }
    }

    /** Whether {@code dir} is watched now (false once it was deleted). */
    boolean watching(Path dir) {
        WatchKey key = keys.get(dir);
        return key != null && key.isValid();
    }

    /** Takes the events of a fired key and lets it fire again. */
    static Changes changes(WatchKey key) {
        Path dir = (Path) key.watchable();
        List<Path> files = new ArrayList<>();
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
            } else {
                files.add(dir.resolve((Path) event.context()));
            }
        }
        key.reset();
        return new Changes(overflow, files);
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        forwarder.interrupt();
    }
}
