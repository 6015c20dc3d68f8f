package io.agentorchestr.core.process;

import java.util.List;

/**
 * Port to the machine's running processes, for stopping what a session started: its agents, and the
 * helpers they started and left behind (daemons, language servers), which carry the session's id in
 * their environment even after they detach from the agent.
 */
public interface ProcessTable {

    /** Live processes whose environment holds exactly {@code key=value}; never this process or its ancestors. */
    List<Long> withEnvironment(String key, String value);

    boolean alive(long pid);

    /** The process's children, their children and so on; empty when it is gone. */
    List<Long> descendants(long pid);

    /**
     * The process's argv as it set it ({@code argv[0]} included, which may differ from the executable:
     * an npm launcher's title, a script's {@code exec -a}); empty when gone or not ours to read.
     */
    List<String> commandLine(long pid);

    /** Asks the process to end (SIGTERM). */
    void terminate(long pid);

    /** Ends the process (SIGKILL). */
    void kill(long pid);
}
