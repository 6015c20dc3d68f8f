package io.agentorchestr.core.agent;

import java.util.List;
import java.util.Locale;

/**
 * How an agent is pointed at an MCP server.
 *
 * @param method "flag", "config-override", "workspace-file" or "none"
 * @param args   launch arguments carrying the configuration (flag, config-override)
 * @param file   workspace settings file, relative to the agent's directory (workspace-file)
 * @param format the JSON shape of the configuration: "claude", "gemini", "kiro" or "opencode"
 */
public record McpInjection(Method method, List<String> args, String file, String format) {
    public enum Method {
        FLAG, CONFIG_OVERRIDE, WORKSPACE_FILE, NONE;

        static Method parse(String text, String agent) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agent " + agent
                        + ": mcp must be flag, config-override, workspace-file or none, not " + text);
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public McpInjection {
        args = List.copyOf(args);
    }

    public boolean supported() {
        return method != Method.NONE;
    }

    /** One line for --detect: how the MCP configuration reaches the agent. */
    public String describe() {
        return switch (method) {
            case FLAG, CONFIG_OVERRIDE -> method.label() + (args.isEmpty() ? "" : " " + args.get(0));
            case WORKSPACE_FILE -> "workspace file " + file;
            case NONE -> "none";
        };
    }
}
