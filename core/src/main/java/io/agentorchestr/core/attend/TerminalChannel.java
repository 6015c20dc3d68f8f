package io.agentorchestr.core.attend;

import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxClient;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bell and a desktop notification by escape sequence (OSC 9, read by iTerm2, kitty, WezTerm,
 * Windows Terminal; OSC 777, read by rxvt, foot, Ghostty and VTE terminals), written to the terminal
 * of every client a person has on the session's tmux server: they are told in whatever window or
 * session they are looking at. Written to the client's terminal, not a pane's: tmux would keep a
 * pane's OSC 9 to itself.
 */
final class TerminalChannel implements NoticeChannel {
    private final Tmux tmux;

    TerminalChannel(Tmux tmux) {
        this.tmux = tmux;
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public void send(Notice notice) throws IOException {
        byte[] bytes = sequences(notice).getBytes(StandardCharsets.UTF_8);
        for (TmuxClient client : tmux.userClients()) {
            if (client.tty() == null || !client.tty().startsWith("/dev/")) {
                continue;
            }
            // One write: a terminal takes a short write whole, so it is not cut into tmux's own output.
            try (OutputStream out = new FileOutputStream(client.tty(), true)) {
                out.write(bytes);
                out.flush();
            }
        }
    }

    /** BEL, OSC 9 and OSC 777 for {@code notice}, with nothing in its text that could end them early. */
    static String sequences(Notice notice) {
        String title = plain(notice.title()).replace(';', ',');
        String body = plain(notice.text());
        return "\007\033]9;" + title + ": " + body + "\007\033]777;notify;" + title + ";" + body + "\007";
    }

    private static String plain(String s) {
        return TerminalText.firstLine(TerminalText.safe(s == null ? "" : s), 200).replaceAll("\\p{Cntrl}", " ");
    }
}
