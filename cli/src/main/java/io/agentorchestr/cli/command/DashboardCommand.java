package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.DashboardOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.dashboard.Dashboard;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code --dashboard}: serves the dashboard in the foreground until Ctrl-C or SIGTERM. The URL (with
 * its token) is the data, on stdout; the rest goes to stderr.
 */
public final class DashboardCommand extends ModeCommand {
    private final DashboardOptions options;

    public DashboardCommand(CliContext context, CommandSpec spec, CommonOptions common, DashboardOptions options) {
        super(context, spec, common);
        this.options = options;
    }

    @Override
    public Integer call() throws InterruptedException {
        int port = options.port == null ? DashboardOptions.DEFAULT_PORT : options.port;
        if (port < 0 || port > 65535) {
            throw AgentorchestrException.usage("--port must be from 0 to 65535 (0: any free port), not " + port);
        }
        InetAddress bind = address(options.bind);
        Path tokenFile = context.paths().state().resolve("dashboard.token");
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[]{"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), s -> stop.countDown());
        }
        try (Dashboard dashboard = Dashboard.start(new Dashboard.Settings(bind, port, context.paths().stateDb(),
                tokenFile, options.newToken, context.git(),
                io.agentorchestr.core.cost.UsageMeter.fromEnvironment(context.env())))) {
            if (!bind.isLoopbackAddress()) {
                err().println("agentorchestr: warning: the dashboard listens on " + bind.getHostAddress()
                        + ", reachable from other machines; anyone with the URL's token can read every session");
            }
            if (common.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("url", dashboard.url());
                m.put("port", dashboard.port());
                m.put("bind", bind.getHostAddress());
                m.put("token_file", tokenFile.toString());
                Json.print(out(), m);
            } else {
                out().println(dashboard.url());
            }
            out().flush();
            progress("dashboard running; open the URL above (its token is kept in " + tokenFile + "); Ctrl-C stops it");
            stop.await();
            progress("dashboard stopped");
        }
        return 0;
    }

    private static InetAddress address(String bind) {
        String b = bind == null ? "127.0.0.1" : bind.strip();
        if (!b.matches("[0-9a-fA-F.:]+|localhost")) {
            throw AgentorchestrException.usage("--bind takes an IP address (127.0.0.1, 0.0.0.0, ::1, or one of this "
                    + "machine's), not '" + b + "'");
        }
        try {
            return InetAddress.getByName(b);
        } catch (UnknownHostException e) {
            throw AgentorchestrException.usage("--bind " + b + " is not an address: " + e.getMessage());
        }
    }
}
