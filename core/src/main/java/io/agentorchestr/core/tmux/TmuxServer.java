package io.agentorchestr.core.tmux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which tmux server to talk to: the user's default server, a named socket ({@code -L}) or a
 * socket path ({@code -S}), optionally with a config file ({@code -f}; tests pass /dev/null).
 */
public record TmuxServer(String socketName, Path socketPath, Path configFile) {

    public static TmuxServer defaultServer() {
        return new TmuxServer(null, null, null);
    }

    /** "default", a socket path (it has a slash), or a -L socket name. */
    public static TmuxServer named(String name) {
        if (name.equals("default")) {
            return defaultServer();
        }
        return name.contains("/") ? atPath(Path.of(name), null) : new TmuxServer(name, null, null);
    }

    public static TmuxServer atPath(Path socket, Path config) {
        return new TmuxServer(null, socket, config);
    }

    /**
     * The server named by {@code AGENTORCHESTR_TMUX_SOCKET} (a path) or
     * {@code AGENTORCHESTR_TMUX_SOCKET_NAME}, with {@code AGENTORCHESTR_TMUX_CONF}; else the default.
     */
    public static TmuxServer fromEnvironment(Map<String, String> env) {
        Path config = blankToNull(env.get("AGENTORCHESTR_TMUX_CONF")) == null
                ? null : Path.of(env.get("AGENTORCHESTR_TMUX_CONF"));
        String path = blankToNull(env.get("AGENTORCHESTR_TMUX_SOCKET"));
        String name = blankToNull(env.get("AGENTORCHESTR_TMUX_SOCKET_NAME"));
        return new TmuxServer(name, path == null ? null : Path.of(path), config);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The leading argv for every tmux call on this server. */
    public List<String> argvPrefix() {
        List<String> argv = new ArrayList<>();
        argv.add("tmux");
        if (socketPath != null) {
            argv.add("-S");
            argv.add(socketPath.toString());
        } else if (socketName != null) {
            argv.add("-L");
            argv.add(socketName);
        }
        if (configFile != null) {
            argv.add("-f");
            argv.add(configFile.toString());
        }
        return argv;
    }

    /** A human-readable tmux command prefix, for printed "attach with" hints. */
    public String describeCommand() {
        return String.join(" ", argvPrefix().stream()
                .map(a -> a.matches("[A-Za-z0-9_./=:@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .toList());
    }
}
