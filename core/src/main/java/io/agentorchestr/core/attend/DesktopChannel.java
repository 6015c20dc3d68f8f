package io.agentorchestr.core.attend;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code notify-send}, where a desktop session exists (a display or a session bus) and it is installed. */
final class DesktopChannel implements NoticeChannel {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final String notifySend;

    private DesktopChannel(ProcessRunner runner, String notifySend) {
        this.runner = runner;
        this.notifySend = notifySend;
    }

    /** The channel, or empty when this machine has no desktop session or no notify-send. */
    static Optional<NoticeChannel> find(ProcessRunner runner, Map<String, String> env) {
        boolean desktop = present(env, "DISPLAY") || present(env, "WAYLAND_DISPLAY")
                || present(env, "DBUS_SESSION_BUS_ADDRESS");
        if (!desktop) {
            return Optional.empty();
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "notify-send");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new DesktopChannel(runner, candidate.toString()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean present(Map<String, String> env, String key) {
        String v = env.get(key);
        return v != null && !v.isBlank();
    }

    @Override
    public String name() {
        return "notify-send";
    }

    @Override
    public void send(Notice notice) {
        String urgency = notice.kind() == Notice.Kind.GOAL_ENDED ? "normal" : "critical";
        ExecResult r = runner.run(ProcessSpec.of(notifySend, "--app-name=agentorchestr", "--urgency=" + urgency,
                notice.title(), notice.text()).withTimeout(TIMEOUT));
        if (!r.ok()) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + r.stderrTail(2));
        }
    }
}
