package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.goal.LeadActivity;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.session.SessionEvent;
import io.agentorchestr.core.store.StateStore;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds tool specifications: a JSON schema from parameter docs, argument reading with clear errors,
 * results as JSON text (plus structured content), {@link ToolError}s as MCP tool errors, and every
 * call and its result appended to the session's event log.
 */
final class ToolCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOGGED_RESULT_CHARS = 2000;

    private final StateStore store;
    private final String sessionId;
    private final LeadActivity leadActivity;

    ToolCalls(StateStore store, String sessionId, LeadActivity leadActivity) {
        this.store = store;
        this.sessionId = sessionId;
        this.leadActivity = leadActivity;
    }

    /** One parameter of a tool: name, JSON type, whether required, and its documentation for agents. */
    record Param(String name, String type, boolean required, String doc) {
        static Param req(String name, String type, String doc) {
            return new Param(name, type, true, doc);
        }

        static Param opt(String name, String type, String doc) {
            return new Param(name, type, false, doc);
        }
    }

    @FunctionalInterface
    interface Handler {
        Object call(Args args, McpSyncServerExchange exchange) throws Exception;
    }

    SyncToolSpecification tool(String name, String description, List<Param> params, Handler handler) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : params) {
            Map<String, Object> prop = new LinkedHashMap<>();
            if (p.type().equals("string[]")) {
                prop.put("type", "array");
                prop.put("items", Map.of("type", "string"));
            } else {
                prop.put("type", p.type());
            }
            prop.put("description", p.doc());
            properties.put(p.name(), prop);
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> invoke(name, handler, request, exchange)).build();
    }

    private McpSchema.CallToolResult invoke(String name, Handler handler, McpSchema.CallToolRequest request,
                                            McpSyncServerExchange exchange) {
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        String caller = String.valueOf(exchange.transportContext().get(McpToolServer.CALLER_KEY));
        boolean lead = "lead".equals(caller);
        if (lead) {
            leadActivity.callStarted();
        }
        try {
            return invoke(name, handler, arguments, caller, exchange);
        } finally {
            if (lead) {
                leadActivity.callEnded();
            }
        }
    }

    private McpSchema.CallToolResult invoke(String name, Handler handler, Map<String, Object> arguments, String caller,
                                            McpSyncServerExchange exchange) {
        try {
            Object result = handler.call(new Args(name, arguments), exchange);
            String text = result instanceof String s ? s : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
            log(name, caller, arguments, false, text);
            McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(text).isError(false);
            if (!(result instanceof String)) {
                b.structuredContent(JSON.convertValue(result, Object.class));
            }
            return b.build();
        } catch (ToolError e) {
            return error(name, caller, arguments, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(name, caller, arguments, "interrupted: the session is ending");
        } catch (Exception e) {
            return error(name, caller, arguments, name + " failed: " + e.getMessage());
        }
    }

    private McpSchema.CallToolResult error(String name, String caller, Map<String, Object> arguments, String message) {
        log(name, caller, arguments, true, message);
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private void log(String name, String caller, Map<String, Object> arguments, boolean error, String result) {
        String args;
        try {
            args = JSON.writeValueAsString(arguments);
        } catch (Exception e) {
            args = String.valueOf(arguments);
        }
        String logged = result.length() > LOGGED_RESULT_CHARS ? result.substring(0, LOGGED_RESULT_CHARS) + "..." : result;
        store.append(sessionId, new SessionEvent.ToolCalled(name, caller, args, error, logged));
    }

    /** Typed access to a call's arguments; a wrong or missing one is a tool error naming it. */
    static final class Args {
        private final String tool;
        private final Map<String, Object> values;

        Args(String tool, Map<String, Object> values) {
            this.tool = tool;
            this.values = values;
        }

        String string(String name) {
            Object v = values.get(name);
            if (v == null || v.toString().isBlank()) {
                throw new ToolError(tool + " needs the argument '" + name + "'");
            }
            return v.toString();
        }

        String optString(String name) {
            Object v = values.get(name);
            return v == null || v.toString().isBlank() ? null : v.toString();
        }

        int optInt(String name, int fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n) {
                return n.intValue();
            }
            try {
                return Integer.parseInt(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new ToolError(tool + ": '" + name + "' must be a whole number, not " + v);
            }
        }

        List<String> optStrings(String name) {
            Object v = values.get(name);
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            if (v instanceof String s) {
                return s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
            }
            throw new ToolError(tool + ": '" + name + "' must be a list of strings");
        }
    }
}
