package io.agentorchestr.core.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one merged, flattened TOML table into an {@link AgentProfile}, naming the key when a value is wrong. */
final class AgentProfiles {
    private AgentProfiles() {
    }

    static AgentProfile fromTable(String key, Map<String, Object> t) {
        McpInjection mcp = new McpInjection(McpInjection.Method.parse(str(t, "mcp", "none"), key),
                list(t, "mcp_args"), str(t, "mcp_file", null), str(t, "mcp_format", "claude"));
        if (mcp.method() == McpInjection.Method.WORKSPACE_FILE && mcp.file() == null) {
            throw new IllegalArgumentException("mcp = \"workspace-file\" needs mcp_file");
        }
        ScreenMarkers markers = new ScreenMarkers(list(t, "markers.busy"), list(t, "markers.waiting"),
                list(t, "markers.idle"));
        PromptMode prompt = PromptMode.parse(str(t, "prompt", "arg"), key);
        return new AgentProfile(key, str(t, "name", key), list(t, "binaries"), list(t, "version_args"),
                list(t, "launch"), list(t, "lead_args"), list(t, "worker_args"), list(t, "permission_args"),
                prompt,
                t.containsKey("lead_prompt") ? PromptMode.parse(str(t, "lead_prompt", "arg"), key) : null,
                str(t, "prompt_flag", null),
                list(t, "session_id_args"), list(t, "resume_args"), list(t, "conversation_list_args"),
                t.containsKey("resume_prompt") ? PromptMode.parse(str(t, "resume_prompt", "arg"), key) : null, mcp,
                markers, list(t, "first_run"), env(t),
                list(t, "env_unset"), str(t, "exit_command", null), str(t, "compact_command", null),
                bool(t, "warm", prompt == PromptMode.PASTE));
    }

    private static String str(Map<String, Object> t, String name, String fallback) {
        Object v = t.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> t, String name, boolean fallback) {
        Object v = t.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> t, String name) {
        Object v = t.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException(name + " must be an array of strings");
        }
        return (List<String>) v;
    }

    private static Map<String, String> env(Map<String, Object> t) {
        Map<String, String> env = new LinkedHashMap<>();
        t.forEach((k, v) -> {
            if (k.startsWith("env.")) {
                env.put(k.substring(4), String.valueOf(v));
            }
        });
        return env;
    }
}
