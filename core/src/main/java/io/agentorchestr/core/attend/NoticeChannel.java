package io.agentorchestr.core.attend;

/** One way a notice reaches the person: their terminals, the desktop, a command, a webhook. */
public interface NoticeChannel {
    /** For messages about it ("webhook https://hooks.example.com/..."). */
    String name();

    /** Delivers {@code notice}, or throws with what went wrong; called on the channel's own thread. */
    void send(Notice notice) throws Exception;
}
