package io.agentorchestr.dashboard;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dashboard's one file-system watch (one inotify descriptor, however many pages are open): who
 * cares about a directory is told when something in it is created or written. Listeners only wake
 * someone; they run on the watch's thread.
 */
final class FileChanges implements AutoCloseable {
    private final WatchService service;
    private final Map<Path, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    FileChanges() {
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch files: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::forward, "dashboard-file-changes");
        thread.setDaemon(true);
        thread.start();
    }

    /** Calls {@code listener} on changes in {@code dir} until the returned handle is run. */
    Runnable onChange(Path dir, Runnable listener) {
        List<Runnable> list = listeners.computeIfAbsent(dir, d -> new CopyOnWriteArrayList<>());
        list.add(listener);
        synchronized (keys) {
            WatchKey key = keys.get(dir);
            if (key == null || !key.isValid()) {
                try {
                    keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY));
                } catch (IOException e) {
                    // Not watchable (gone, or not ours): the callers' own timeouts still look now and then.
                }
            }
        }
        return () -> list.remove(listener);
    }

    private void forward() {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                for (Runnable r : listeners.getOrDefault((Path) key.watchable(), List.of())) {
                    r.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
