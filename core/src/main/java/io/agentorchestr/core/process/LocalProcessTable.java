package io.agentorchestr.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The real {@link ProcessTable}: environments are read from {@code /proc/<pid>/environ} (only the
 * user's own processes are readable, which is exactly whom we may stop), signals go through
 * {@link ProcessHandle}. The tmux server is never matched: it may have been started from inside a
 * session and so carry its id, and it serves every session.
 */
public final class LocalProcessTable implements ProcessTable {
    private final Path proc;

    public LocalProcessTable() {
        this(Path.of("/proc"));
    }

    LocalProcessTable(Path proc) {
        this.proc = proc;
    }

    @Override
    public List<Long> withEnvironment(String key, String value) {
        byte[] wanted = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        Set<Long> spared = spared();
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (!spared.contains(pid) && hasEntry(dir.resolve("environ"), wanted) && !isTmux(pid)) {
                    found.add(pid);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return found;
        }
        return found;
    }

    /** This process and its ancestors: the orchestrator never stops itself or whoever started it. */
    private static Set<Long> spared() {
        Set<Long> out = new HashSet<>();
        Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        while (p.isPresent()) {
            out.add(p.get().pid());
            p = p.get().parent();
        }
        return out;
    }

    private static boolean hasEntry(Path environ, byte[] wanted) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException e) {
            return false;  // gone, or not ours to read
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == wanted.length && java.util.Arrays.equals(env, start, i, wanted, 0, wanted.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** The tmux server, or a client attached to it. */
    private static boolean isTmux(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command())
                .map(c -> Path.of(c).getFileName().toString().equals("tmux")).orElse(false);
    }

    @Override
    public boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    @Override
    public List<String> commandLine(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
        } catch (IOException e) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            argv.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return argv;
    }

    @Override
    public void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
