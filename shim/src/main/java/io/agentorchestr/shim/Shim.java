package io.agentorchestr.shim;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.discovery.AgentCard;
import io.agentorchestr.core.discovery.AgentCards;
import io.agentorchestr.core.process.ProcessRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One shimmed agent from start to exit: its private tmux server, its card, its RPC socket, the
 * user's terminal attached (or none: headless), and the agent's exit status as the shim's own.
 */
final class Shim {
    /** The agent ended without recording a status (its server was killed, or it was hung up on). */
    static final int NO_STATUS = 129;
    private static final long POLL_MS = 100;

    private final ShimRequest request;
    private final AgentCards cards;
    private final Path stateDir;
    private final ProcessRunner runner;
    private final PrintStream err;
    private PrintStream terminal;
    private volatile boolean hungUp;
    private volatile MdnsAdvert advert;

    Shim(ShimRequest request, AgentCards cards, Path stateDir, ProcessRunner runner, PrintStream err) {
        this.request = request;
        this.cards = cards;
        this.stateDir = stateDir;
        this.runner = runner;
        this.err = err;
    }

    /** Where the agent's last screen is printed when it exits while attached (the user's terminal). */
    Shim showingLastScreenOn(PrintStream terminal) {
        this.terminal = terminal;
        return this;
    }

    /** A closed terminal ends the attached client, not the agent: it stays reachable by its card. */
    void hangUp() {
        hungUp = true;
    }

    int run() throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        ShimFiles files = ShimFiles.of(cards.ensureDirectory(), stateDir, request.name(), pid);
        PrivateTmux tmux = PrivateTmux.start(files, runner, request.argv(), request.cwd(), request.name());
        AgentCard card = new AgentCard(ShimVersion.get(), request.name(), request.argv(),
                request.profile().map(AgentProfile::key).orElse(null), pid, tmux.panePid(), Instant.now().toString(),
                request.cwd().toString(), hostName(), files.socket().toString(), files.tmuxSocket().toString(),
                tmux.pane().id());
        Thread cleanup = new Thread(() -> end(card, files, tmux), "shim-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (ShimRpcServer rpc = ShimRpcServer.serve(files.socket(), new ShimMethods(card, tmux,
                new PaneLog(files.log()), request.profile()).rpc())) {
            cards.write(card);  // once its socket answers: whoever finds the card can connect
            advert = advertise(card, files);
            if (request.headless()) {
                err.println("agentorchestr-shim: " + request.name() + " runs headless; its card is " + files.card()
                        + " (attach with: " + tmux.attachHint() + ")");
            } else {
                attach(tmux);
            }
            int status = awaitExit(tmux);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            end(card, files, tmux);
            return status;
        }
    }

    /** mDNS is a hint for other tools: without it the card still makes the agent discoverable. */
    private MdnsAdvert advertise(AgentCard card, ShimFiles files) {
        if (request.mdns() == null) {
            return null;
        }
        try {
            return MdnsAdvert.start(request.mdns(), card, files.card());
        } catch (IOException | RuntimeException e) {
            err.println("agentorchestr-shim: not announced over mDNS on " + request.mdns().getHostAddress() + " ("
                    + e.getMessage() + "); its card still makes it discoverable");
            return null;
        }
    }

    /**
     * The user's terminal shows the agent through a tmux client that inherits it: raw keys, colours,
     * resizes. When the agent exits, its last screen is read before the server goes, and printed once
     * the client has let go of the terminal: what the agent showed last stays, as without the shim.
     */
    private void attach(PrivateTmux tmux) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(tmux.attachArgv()).inheritIO();
        // Inside the user's own tmux, a nested attach is refused unless TMUX is unset; ours is another server.
        pb.environment().remove("TMUX");
        pb.environment().remove("TMUX_PANE");
        Process client;
        try {
            client = pb.start();
        } catch (IOException e) {
            err.println("agentorchestr-shim: cannot attach this terminal (" + e.getMessage() + "); the agent runs "
                    + "headless");
            return;
        }
        String screen = null;
        while (!client.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
            if (!tmux.agentRunning()) {
                screen = tmux.lastScreen();
                tmux.stop();  // the client ends with its server
                client.waitFor();
            }
        }
        if (screen != null && terminal != null) {
            // The client's last word ("[server exited]") is one line: the screen takes its place.
            terminal.print("\u001b[1A\r\u001b[2K" + screen + "\u001b[0m");
            terminal.flush();
        } else if (tmux.agentRunning() && !hungUp) {
            err.println("agentorchestr-shim: the terminal let go; the agent keeps running (attach with: "
                    + tmux.attachHint() + ")");
        }
    }

    private static int awaitExit(PrivateTmux tmux) throws InterruptedException {
        while (true) {
            Optional<Integer> status = tmux.exitStatus();
            if (status.isPresent()) {
                return status.get();
            }
            if (!tmux.paneAlive()) {
                // The wrapper writes the status just before it exits: look once more, then ask the dead pane.
                return tmux.exitStatus().or(tmux::deadStatus).orElse(NO_STATUS);
            }
            Thread.sleep(POLL_MS);
        }
    }

    private void end(AgentCard card, ShimFiles files, PrivateTmux tmux) {
        MdnsAdvert a = advert;
        if (a != null) {
            advert = null;
            a.close();  // the goodbye first: browsers drop the agent as the card goes
        }
        cards.remove(card);
        tmux.stop();
        files.deleteRest();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * What to run and how: {@code argv} in {@code cwd}, known as {@code name}, announced over mDNS on
     * {@code mdns} (null: not announced).
     */
    record ShimRequest(String name, List<String> argv, Path cwd, boolean headless, Optional<AgentProfile> profile,
                       InetAddress mdns) {
    }
}
