package io.agentorchestr.cli;

import picocli.CommandLine.Option;

/** The message log of a session. */
public final class MessageOptions {
    @Option(names = "--messages", paramLabel = "ID", order = 15, description = "Print a session's messages between "
            + "agents, oldest first: number, time, sender -> recipients, type, thread, body. With --json: a JSON "
            + "array (with --follow: one JSON object per line).")
    public String messages;

    @Option(names = "--follow", order = 16, description = "With --messages: keep printing new messages as they "
            + "are sent, until the session is no longer running (or Ctrl-C).")
    public boolean follow;
}
