package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Handler;
import io.agentorchestr.cli.mcp.ToolCalls.Param;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One tool, declared once: its name, its description (written for the agent that reads it), who may
 * call it, its arguments and what it does. The MCP endpoints, docs/tools.md and the tests that count
 * or probe the tools all read these entries ({@link ToolCatalog}).
 */
record ToolEntry(String name, String description, Set<ToolRole> roles, List<Param> params, Handler handler) {
    ToolEntry {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(name + ": a tool needs at least one role");
        }
        roles = Set.copyOf(roles);
        params = List.copyOf(params);
    }

    static ToolEntry lead(String name, String description, List<Param> params, Handler handler) {
        return new ToolEntry(name, description, EnumSet.of(ToolRole.LEAD), params, handler);
    }

    static ToolEntry worker(String name, String description, List<Param> params, Handler handler) {
        return new ToolEntry(name, description, EnumSet.of(ToolRole.WORKER), params, handler);
    }

    static ToolEntry everyone(String name, String description, List<Param> params, Handler handler) {
        return new ToolEntry(name, description, EnumSet.allOf(ToolRole.class), params, handler);
    }
}
