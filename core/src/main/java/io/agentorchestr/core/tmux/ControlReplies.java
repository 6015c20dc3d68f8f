package io.agentorchestr.core.tmux;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a control-mode client's output a line at a time and hands out each reply block of this
 * client's own commands. The first block answers the attach itself (flags 0) and is not one of them.
 * Inside a block only its own {@code %end}/{@code %error} line ends it: reply lines may begin with
 * {@code %} (pane ids). Lines outside blocks are notifications, not replies.
 */
final class ControlReplies {
    private String header;
    private List<String> lines;
    private boolean ownCommand;
    private boolean exited;
    private final Consumer<String> notifications;

    /** @param notifications told every line outside reply blocks (tmux's notifications, {@code %exit} among them) */
    ControlReplies(Consumer<String> notifications) {
        this.notifications = notifications;
    }

    /** The reply this line completes, or null. */
    ControlClient.Reply accept(String line) {
        if (header == null) {
            if (line.startsWith("%begin ")) {
                header = line.substring("%begin ".length());
                lines = new ArrayList<>();
                ownCommand = isOwn(header);
            } else {
                exited |= line.equals("%exit") || line.startsWith("%exit ");
                notifications.accept(line);
            }
            return null;
        }
        boolean end = line.equals("%end " + header);
        if (!end && !line.equals("%error " + header)) {
            lines.add(line);
            return null;
        }
        ControlClient.Reply reply = new ControlClient.Reply(List.copyOf(lines), !end);
        boolean own = ownCommand;
        header = null;
        lines = null;
        return own ? reply : null;
    }

    /** tmux said {@code %exit}: the client is detaching or its server is going. */
    boolean exited() {
        return exited;
    }

    /** "time number flags": flag 1 marks a command this client sent. */
    private static boolean isOwn(String header) {
        String[] f = header.split(" ");
        return f.length == 3 && f[2].matches("[0-9]{1,9}") && (Integer.parseInt(f[2]) & 1) == 1;
    }
}
