package io.agentorchestr.cli;

import picocli.CommandLine.Option;

/** Options of {@code --dashboard}: where it listens and its token. */
public final class DashboardOptions {
    public static final int DEFAULT_PORT = 3000;

    @Option(names = "--dashboard", order = 18, description = "Serve a live web view of every session (workers, "
            + "pane output, diffs, the event log) and its JSON API until Ctrl-C; prints the URL to open, which "
            + "carries the access token.")
    public boolean dashboard;

    @Option(names = "--port", paramLabel = "N", order = 19, description = "With --dashboard: the port (default "
            + DEFAULT_PORT + "; 0 picks a free one).")
    public Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", order = 19, description = "With --dashboard: the address to "
            + "listen on (default 127.0.0.1). Another address makes the dashboard reachable from other machines: "
            + "anyone with the token can read every session.")
    public String bind;

    @Option(names = "--new-token", order = 19, description = "With --dashboard: replace the access token "
            + "(bookmarked URLs stop working).")
    public boolean newToken;

}
