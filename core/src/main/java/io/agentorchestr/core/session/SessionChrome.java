package io.agentorchestr.core.session;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.attend.TeamView;
import io.agentorchestr.core.tmux.Tmux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person attached to a session sees and can press, set on that session alone: a key table
 * of its own (the server's root keys copied in, plus {@link #PAUSE_KEY} to pause the goal and
 * {@link #LOG_KEY} to open its progress log), a status line that names the keys and shows the
 * latest progress line, and room for the session's name. The user's global options, key tables and
 * {@code ~/.tmux.conf} are never touched; Ctrl-C in a pane stays the agent's.
 */
public final class SessionChrome {
    /** Pauses the goal as Ctrl-C on the orchestrator's terminal does (function keys: no agent CLI uses them). */
    public static final String PAUSE_KEY = "F9";
    /** Opens the goal's progress log in a popup (Ctrl-C closes it). */
    public static final String LOG_KEY = "F8";
    private static final Pattern ROOT_BINDING = Pattern.compile("bind-key\\s+((?:-r\\s+)?)-T\\s+root\\s+(.+)");
    private static final int LAST_LINE_CHARS = 60;
    /** Room for the team's counts ("2 waiting · 3 running · 4 merged · 1h05m"). */
    private static final int TEAM_CHARS = 60;

    private final Tmux tmux;
    private final String session;
    private final String table;

    public SessionChrome(Tmux tmux, SessionRecord record) {
        this.tmux = tmux;
        this.session = record.tmuxSession();
        this.table = table(record.id());
    }

    /** The key table of a session: named after it, so sessions of one server never share one. */
    public static String table(String sessionId) {
        return "agentorchestr-" + sessionId;
    }

    /**
     * Binds the keys (to signal {@code ownerPid}, the process driving the goal now) and sets the status
     * line; {@code sessionDir} holds the key file and {@code progressLog}.
     */
    public void dress(long ownerPid, Path sessionDir, Path progressLog) {
        StringBuilder own = new StringBuilder();
        own.append("bind-key -T ").append(table).append(' ').append(PAUSE_KEY).append(" run-shell -b 'kill -INT ")
                .append(ownerPid).append("'\n");
        String log = progressLog.toString();
        if (!log.contains("'") && !log.contains("\"") && !log.contains("\\")) {
            own.append("bind-key -T ").append(table).append(' ').append(LOG_KEY)
                    .append(" display-popup -E -w 90% -h 70% -T ' progress: Ctrl-C closes ' \"tail -n 200 -F '")
                    .append(log).append("'\"\n");
        }
        StringBuilder root = new StringBuilder();
        for (String line : tmux.rootKeys().split("\n")) {
            Matcher m = ROOT_BINDING.matcher(line.strip());
            if (m.matches()) {
                root.append("bind-key ").append(m.group(1)).append("-T ").append(table).append(' ')
                        .append(m.group(2)).append('\n');
            }
        }
        Path file = sessionDir.resolve("tmux-keys.conf");
        try {
            source(file, "# agentorchestr: the keys of session " + session + "\n" + root + own);
        } catch (RuntimeException e) {
            // A root binding tmux will not read back must not cost the session its own keys.
            source(file, own.toString());
        }
        tmux.setSessionOption(session, "key-table", table);
        // The keys on the left, beside the session's whole name, so a narrow terminal cuts progress, not them.
        String left = "[#S] #[reverse] " + PAUSE_KEY + " #[noreverse] pause #[reverse] " + LOG_KEY
                + " #[noreverse] progress ";
        tmux.setSessionOption(session, "status-left", left);
        tmux.setSessionOption(session, "status-left-length", String.valueOf(session.length() + 40));
        tmux.setSessionOption(session, "status-right-length", String.valueOf(LAST_LINE_CHARS + TEAM_CHARS));
        show("");
    }

    /** As {@link #dress}; a failure costs only the keys and the status line, and is said through {@code warn}. */
    public void dressOrWarn(long ownerPid, Path sessionDir, Path progressLog, java.util.function.Consumer<String> warn) {
        try {
            dress(ownerPid, sessionDir, progressLog);
        } catch (RuntimeException e) {
            warn.accept("warning: the session's keys and status line could not be set (" + e.getMessage() + "); "
                    + "Ctrl-C here or agentorchestr --pause still pause it");
        }
    }

    private void source(Path file, String conf) {
        try {
            Files.writeString(file, conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        tmux.sourceFile(file);
    }

    /**
     * The status line's right side: {@code lastLine}, cut, and made literal for tmux, then the team's
     * counts and age ({@link TeamView#TEAM}, kept up to date by the team view).
     */
    public void show(String lastLine) {
        String line = lastLine.strip().replace('\n', ' ');
        if (line.length() > LAST_LINE_CHARS) {
            line = line.substring(0, LAST_LINE_CHARS - 3) + "...";
        }
        // The counts only where a team view keeps them (a goal's session, not a manual task's).
        tmux.setSessionOption(session, "status-right", line.replace("#", "##") + " #{?" + TeamView.TEAM
                + ",#[reverse] #{" + TeamView.TEAM + "} #[noreverse],}");
    }

    /** Forgets the session's key table (its session is gone or being removed). */
    public void undress() {
        tmux.dropKeyTable(table);
    }
}
