package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.cli.CliContext;
import io.agentorchestr.core.agent.AgentStopper;
import io.agentorchestr.core.goal.GoalRequest;
import io.agentorchestr.core.goal.GoalRun;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real auto-mode session started in-process whose lead agent only idles: the caller (a test, the
 * benchmark) plays the lead through the MCP server, with the token agentorchestr wrote into the
 * lead's config.
 */
public final class LiveSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path dir;
    public final Path repo;
    public final CliContext context;
    public final GoalRun run;
    public final GoalRun.Started started;
    public final List<String> progress = new CopyOnWriteArrayList<>();
    private boolean ended;

    LiveSession(Path dir) throws IOException {
        this(dir, 3);
    }

    public LiveSession(Path dir, int maxWorkers) throws IOException {
        this(dir, maxWorkers, "", List.of("demo"), new SystemProcessRunner());
    }

    /**
     * @param extraAgents more agents.toml tables (agent profiles the test needs)
     * @param agents      the agents workers may use
     * @param runner      the process runner the session's adapters use (a test may record what runs)
     */
    public LiveSession(Path dir, int maxWorkers, String extraAgents, List<String> agents,
                       io.agentorchestr.core.process.ProcessRunner runner) throws IOException {
        this(dir, maxWorkers, extraAgents, agents, runner, Map.of(), null);
    }

    /**
     * @param extraEnv more environment for agentorchestr (a benchmark switching AGENTORCHESTR_TMUX_CONTROL)
     * @param health   the session's health policy, or null for the defaults
     */
    public LiveSession(Path dir, int maxWorkers, String extraAgents, List<String> agents,
                       io.agentorchestr.core.process.ProcessRunner runner, Map<String, String> extraEnv,
                       io.agentorchestr.core.model.HealthPolicy health) throws IOException {
        this.dir = dir;
        System.setProperty("agentorchestr.home", Path.of(System.getProperty("agentorchestr.dist",
                "target/agentorchestr")).toAbsolutePath().toString());
        repo = Files.createDirectories(dir.resolve("project"));
        git("init", "-q", "-b", "main");
        git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "init");
        Path idle = dir.resolve("idle-lead.sh");
        Files.writeString(idle, "#!/bin/sh\necho 'idle lead ready'\nexec cat\n");
        Files.setPosixFilePermissions(idle, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("agents.toml"), "[agents.idle]\nbinaries = [\"" + idle + "\"]\n"
                + "prompt = \"file\"\nprompt_flag = \"--prompt-file\"\nmcp = \"flag\"\n"
                + "mcp_args = [\"--mcp-config\", \"{mcp_config}\"]\n" + extraAgents);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("TMUX");
        env.put("HOME", dir.toString());
        env.put("AGENTORCHESTR_CONFIG_DIR", config.toString());
        env.put("AGENTORCHESTR_DATA_DIR", dir.resolve("data").toString());
        env.put("AGENTORCHESTR_STATE_DIR", dir.resolve("state").toString());
        env.put("AGENTORCHESTR_TMUX_SOCKET", dir.resolve("tmux.sock").toString());
        env.put("AGENTORCHESTR_TMUX_CONF", "/dev/null");
        env.putAll(extraEnv);
        context = new CliContext(env, runner);
        run = context.goalRun(progress::add, io.agentorchestr.core.attend.NotifyMode.NONE,
                io.agentorchestr.core.cost.Budget.NONE);
        started = run.start(new GoalRequest("contract test", agents, "idle", repo, null, null, maxWorkers,
                health, null, null));
    }

    private void git(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        new SystemProcessRunner().runChecked(ProcessSpec.of(argv));
    }

    /** The URL and Authorization header agentorchestr wrote into the lead's MCP configuration. */
    public String[] leadEndpoint() throws IOException {
        JsonNode server = JSON.readTree(Files.readString(Path.of(started.session().sessionDir(), "mcp", "lead.json")))
                .path("mcpServers").path("agentorchestr");
        return new String[]{server.path("url").asText(), server.path("headers").path("Authorization").asText()};
    }

    public static McpSyncClient client(String url, String authorization) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                        .builder(uri.getScheme() + "://" + uri.getAuthority()).endpoint(uri.getPath())
                        .requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(90)).initializationTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("contract-test", "1")).build();
        client.initialize();
        return client;
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    static JsonNode json(McpSchema.CallToolResult r) throws IOException {
        return JSON.readTree(text(r));
    }

    static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    void markEnded() {
        ended = true;
    }

    @Override
    public void close() {
        if (!ended) {
            run.pause(started);
        }
        context.tmux().killServer();
        context.close();
        awaitAgentsGone();
    }

    /**
     * Waits (a few seconds at most) until no process of the session is left: an agent that got the
     * server's SIGHUP in the middle of a git commit may still be writing into the repository, which
     * the test's temporary directory is about to delete.
     */
    private void awaitAgentsGone() {
        io.agentorchestr.core.process.LocalProcessTable processes = new io.agentorchestr.core.process.LocalProcessTable();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Long> left = processes.withEnvironment(AgentStopper.SESSION_ENV, started.session().id());
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            left = processes.withEnvironment(AgentStopper.SESSION_ENV, started.session().id());
        }
        left.forEach(processes::kill);
    }
}
