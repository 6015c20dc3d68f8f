package io.agentorchestr.shim;

import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.agent.AgentRegistry;
import io.agentorchestr.core.config.AppPaths;
import io.agentorchestr.core.discovery.AgentCards;
import io.agentorchestr.core.discovery.MdnsAddress;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.process.SystemProcessRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code agentorchestr-shim [--name N] [--headless] AGENT [ARGS...]}: runs the agent as if run
 * directly, and lets a lead find and drive it. Exits with the agent's exit status.
 */
@Command(name = "agentorchestr-shim", mixinStandardHelpOptions = true, versionProvider = ShimCommand.Version.class,
        description = {"Runs AGENT in this terminal as if you ran it directly, and makes it discoverable and "
                + "drivable by an agentorchestr lead (a card in $XDG_RUNTIME_DIR/agentorchestr-agents and "
                + "JSON-RPC on a Unix socket next to it).",
                "",
                "Exit status: the agent's; 125 when the shim itself cannot start; 127 when AGENT is not found; "
                        + "129 when the agent ended without a status (killed)."},
        sortOptions = false)
final class ShimCommand implements Callable<Integer> {
    static final int SHIM_FAILED = 125;
    static final int NOT_FOUND = 127;

    @Option(names = "--name", paramLabel = "NAME",
            description = "What the agent is called in discovery (letters, digits, . _ -); default: AGENT's name.")
    String name;

    @Option(names = "--headless",
            description = "Run the agent detached (also when stdin or stdout is not a terminal); stay until it exits.")
    boolean headless;

    @Option(names = "--mdns-interface", paramLabel = "IFACE",
            description = "Announce the agent over mDNS on this interface (a name like eth0, or one of its IPv4 "
                    + "addresses) instead of 127.0.0.1. Others on that network then see it is running.")
    String mdnsInterface;

    @Option(names = "--no-mdns", description = "Do not announce the agent over mDNS (the card is still written).")
    boolean noMdns;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent command (claude, codex, any program).")
    String agent;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Passed to AGENT as they are.")
    List<String> args = new ArrayList<>();

    private final Map<String, String> env;
    private final PrintStream err;
    private Shim running;

    ShimCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<Path> binary = findOnPath(agent);
        if (binary.isEmpty()) {
            err.println("agentorchestr-shim: " + agent + ": command not found (check the name and your PATH)");
            return NOT_FOUND;
        }
        String shown = name != null ? name : Path.of(agent).getFileName().toString();
        if (!shown.matches("[A-Za-z0-9._-]{1,40}")) {
            throw AgentorchestrException.usage("the name \"" + shown + "\" is not usable in file names: use --name "
                    + "with up to 40 letters, digits, '.', '_' or '-'");
        }
        if (noMdns && mdnsInterface != null) {
            throw AgentorchestrException.usage("--no-mdns and --mdns-interface contradict each other: keep one");
        }
        InetAddress mdns = noMdns ? null : MdnsAddress.resolve(mdnsInterface);
        AppPaths paths = AppPaths.fromEnvironment(env);
        List<String> argv = new ArrayList<>();
        argv.add(agent);
        argv.addAll(args);
        String base = binary.get().getFileName().toString();
        Optional<AgentProfile> profile = AgentRegistry.load(paths.userAgentsFile()).all().stream()
                .filter(p -> p.binaries().contains(base)).findFirst();
        boolean detached = headless || System.console() == null;
        running = new Shim(new Shim.ShimRequest(shown, argv, Path.of("").toAbsolutePath(), detached, profile,
                mdns),
                AgentCards.of(env), paths.state(), new SystemProcessRunner(), err)
                .showingLastScreenOn(new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
        return running.run();
    }

    /** A closed terminal: the agent keeps running for whoever drives it. */
    void hangUp() {
        if (running != null) {
            running.hangUp();
        }
    }

    private Optional<Path> findOnPath(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"agentorchestr-shim " + ShimVersion.get()};
        }
    }
}
