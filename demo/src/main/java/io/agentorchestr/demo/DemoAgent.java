package io.agentorchestr.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The bundled demo agent: behaves like an interactive agent CLI in a pane, without an LLM or network.
 * As a worker it reads its prompt file, makes a small deterministic change for its task, commits it,
 * signals completion by the worker protocol (done.flag and a WORKER_* line), then stays in an input
 * loop like a real agent so later messages reach it.
 *
 * As lead it reads the goal from its prompt and drives the session through the MCP tools.
 *
 * <p>Usage: {@code agentorchestr-demo --role worker|lead --prompt-file PATH [--mcp-config FILE]} (a worker
 * without {@code --prompt-file} waits for its prompt to be pasted: {@link PastedPrompt}) or
 * {@code --version}.
 */
public final class DemoAgent {
    static final String VERSION_PREFIX = "agentorchestr-demo ";
    static final int USAGE = 2;

    private DemoAgent() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath(), out, System.err));
    }

    static int run(String[] args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        List<String> argv = List.of(args);
        if (argv.contains("--version")) {
            out.println(VERSION_PREFIX + version());
            return 0;
        }
        String role = option(argv, "--role");
        if ("chat".equals(role)) {
            // Nothing to do but answer what is typed: an agent for a terminal of its own (the shim).
            out.println("demo: chat; type a line, or exit [STATUS] to quit");
            return InputLoop.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        }
        String promptFile = option(argv, "--prompt-file");
        String mcpConfig = option(argv, "--mcp-config");
        if (!("worker".equals(role) || "lead".equals(role)) || ("lead".equals(role) && promptFile == null)
                || ("lead".equals(role) && mcpConfig == null)) {
            err.println("agentorchestr-demo: usage: agentorchestr-demo --role worker|lead --prompt-file PATH "
                    + "[--mcp-config FILE] (a lead needs both; a worker without a prompt file waits for it to be "
                    + "pasted), or agentorchestr-demo --role chat");
            return USAGE;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String prompt;
        try {
            if (promptFile == null && mcpConfig != null) {
                // Started ahead of its task: connected to its tools first, as a real agent's MCP client is.
                try (McpEndpoint mcp = McpEndpoint.connect(Path.of(mcpConfig))) {
                    mcp.listTools();
                }
            }
            prompt = promptFile == null ? PastedPrompt.read(in, out)
                    : Files.readString(Path.of(promptFile), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            err.println("agentorchestr-demo: cannot read the prompt " + (promptFile == null ? "from the terminal"
                    : "file " + promptFile) + ": " + e.getMessage());
            return 1;
        }
        if (prompt == null) {
            return 0;
        }
        if ("lead".equals(role)) {
            return new DemoLead(out, err, in).run(prompt, Path.of(mcpConfig));
        }
        DemoWorker worker = new DemoWorker(workerId(env, prompt), workDir, out, err, in,
                mcpConfig == null ? null : Path.of(mcpConfig));
        return worker.run(prompt);
    }

    private static String workerId(Map<String, String> env, String prompt) {
        String id = env.get("AGENTORCHESTR_WORKER_ID");
        if (id != null && !id.isBlank()) {
            return id;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("worker (w\\d{2,})").matcher(prompt);
        return m.find() ? m.group(1) : "w00";
    }

    private static String option(List<String> argv, String name) {
        int at = argv.indexOf(name);
        return at >= 0 && at + 1 < argv.size() ? argv.get(at + 1) : null;
    }

    static String version() {
        String v = DemoAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
