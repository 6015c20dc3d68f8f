package io.agentorchestr.core.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points an agent at our MCP server the way that agent really reads it (SPEC §3): a config file
 * passed by flag, a config override on the command line (token through the environment), or a
 * workspace settings file written into the agent's directory and removed afterwards.
 */
public final class McpInjector {
    private final ObjectMapper json = new ObjectMapper();

    /** What to add to a launch, and what to clean up after it. */
    public record Injection(List<String> args, Map<String, String> env, Optional<Path> workspaceFile) {
        public static final Injection NONE = new Injection(List.of(), Map.of(), Optional.empty());
    }

    /**
     * @param configDir where to write a private config file (the session directory)
     * @param workDir   the agent's directory (for workspace files)
     * @param who       "lead" or a worker id, to name the file
     */
    public Injection inject(AgentProfile profile, McpAccess access, Path configDir, Path workDir, String who) {
        McpInjection mcp = profile.mcp();
        switch (mcp.method()) {
            case FLAG -> {
                Path file = configDir.resolve("mcp").resolve(who + ".json");
                PrivateFile.write(file, "the MCP configuration", config(mcp.format(), access));
                return new Injection(substitute(mcp.args(), access, file), Map.of(), Optional.empty());
            }
            case CONFIG_OVERRIDE -> {
                return new Injection(substitute(mcp.args(), access, null), Map.of(McpAccess.TOKEN_ENV, access.token()),
                        Optional.empty());
            }
            case WORKSPACE_FILE -> {
                Path file = workDir.resolve(mcp.file());
                // One left by an earlier attempt in this worktree (a crash kept it) is replaced.
                if (Files.exists(file) && !writtenByUs(file)) {
                    throw AgentorchestrException.error(file + " already exists; agentorchestr writes its MCP settings "
                            + "there for " + profile.key() + " and will not overwrite yours: move it aside, or choose "
                            + "another agent with --agents/--lead");
                }
                PrivateFile.write(file, "the MCP configuration", config(mcp.format(), access));
                return new Injection(List.of(), Map.of(), Optional.of(file));
            }
            default -> {
                return Injection.NONE;
            }
        }
    }

    /**
     * Whether {@code file} holds only what {@link #config} writes: agentorchestr's server and nothing
     * else (but a {@code $schema} the agent may add to it).
     */
    private boolean writtenByUs(Path file) {
        try {
            com.fasterxml.jackson.databind.JsonNode read = json.readTree(Files.readString(file));
            if (read == null || !read.isObject()) {
                return false;
            }
            ObjectNode root = ((ObjectNode) read).deepCopy();
            root.remove("$schema");
            if (root.size() != 1) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode servers = root.elements().next();
            return servers.isObject() && servers.size() == 1 && servers.has(McpAccess.SERVER_NAME);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes a workspace file written by {@link #inject}. */
    public static void cleanUp(Injection injection) {
        injection.workspaceFile().ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // Best effort at session end; the file holds only a session token that is no longer valid.
            }
        });
    }

    private static List<String> substitute(List<String> args, McpAccess access, Path configFile) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.replace("{mcp_url}", access.url())
                    .replace("{mcp_config}", configFile == null ? "" : configFile.toString()));
        }
        return out;
    }

    String config(String format, McpAccess access) {
        ObjectNode root = json.createObjectNode();
        ObjectNode headers = json.createObjectNode().put("Authorization", "Bearer " + access.token());
        switch (format) {
            case "gemini" -> root.putObject("mcpServers").putObject(McpAccess.SERVER_NAME)
                    .put("httpUrl", access.url()).set("headers", headers);
            case "kiro" -> root.putObject("mcpServers").putObject(McpAccess.SERVER_NAME)
                    .put("url", access.url()).set("headers", headers);
            case "opencode" -> root.putObject("mcp").putObject(McpAccess.SERVER_NAME).put("type", "remote")
                    .put("url", access.url()).put("enabled", true).set("headers", headers);
            default -> root.putObject("mcpServers").putObject(McpAccess.SERVER_NAME).put("type", "http")
                    .put("url", access.url()).set("headers", headers);
        }
        return root.toPrettyString();
    }

}
