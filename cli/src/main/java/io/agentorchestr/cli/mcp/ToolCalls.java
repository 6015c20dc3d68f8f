package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.goal.LeadActivity;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.StateStore;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Builds tool specifications: a JSON schema from parameter docs, arguments checked against it before
 * anything acts (names, types, ranges, text that no file or process can carry), results as JSON text
 * (plus structured content), {@link ToolError}s as MCP tool errors, and every call and its result in
 * the session's event log. Handlers run on a bounded pool; a handler that returns a future (a wait)
 * gives its thread back at once, and the call ends when the future does or when it is cancelled.
 */
final class ToolCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOGGED_RESULT_CHARS = 2000;

    private final StateStore store;
    private final String sessionId;
    private final LeadActivity leadActivity;
    private final Scheduler workers;
    private final int maxBusy;
    private final CallQuota quota = new CallQuota(java.time.Clock.systemUTC());

    ToolCalls(StateStore store, String sessionId, LeadActivity leadActivity, Scheduler workers, int maxBusy) {
        this.store = store;
        this.sessionId = sessionId;
        this.leadActivity = leadActivity;
        this.workers = workers;
        this.maxBusy = maxBusy;
    }

    /**
     * One parameter of a tool: name, JSON type ("string", "integer", "string[]"), whether required, its
     * documentation for agents, and its limits (a range for integers, a length for text).
     */
    record Param(String name, String type, boolean required, String doc, long min, long max, int maxChars,
                 List<Param> fields) {
        static final int DEFAULT_MAX_CHARS = 100_000;

        Param {
            fields = List.copyOf(fields);
        }

        static Param req(String name, String type, String doc) {
            return new Param(name, type, true, doc, Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_MAX_CHARS, List.of());
        }

        static Param opt(String name, String type, String doc) {
            return new Param(name, type, false, doc, Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_MAX_CHARS, List.of());
        }

        /** A list of objects, each with {@code fields} (checked as a tool's arguments are). */
        static Param objects(String name, boolean required, String doc, List<Param> fields) {
            return new Param(name, "object[]", required, doc, Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_MAX_CHARS,
                    fields);
        }

        Param range(long lo, long hi) {
            return new Param(name, type, required, doc, lo, hi, maxChars, fields);
        }

        Param maxChars(int n) {
            return new Param(name, type, required, doc, min, max, n, fields);
        }

        /** A worker id: short text. */
        static Param worker(String name, String doc) {
            return req(name, "string", doc).maxChars(64);
        }
    }

    @FunctionalInterface
    interface Handler {
        /**
         * @param caller the endpoint's role, and the worker id the calling token belongs to
         * @return the result (a String as is, anything else as JSON), or a {@link CompletableFuture} of it
         */
        Object call(ToolArgs args, Caller caller) throws Exception;
    }

    /** The JSON schema of an object with {@code params} as its properties (a tool's input, a list's items). */
    static Map<String, Object> schema(List<Param> params) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : params) {
            Map<String, Object> prop = new LinkedHashMap<>();
            if (p.type().equals("string[]")) {
                prop.put("type", "array");
                prop.put("items", Map.of("type", "string"));
            } else if (p.type().equals("object[]")) {
                prop.put("type", "array");
                prop.put("items", schema(p.fields()));
                prop.put("maxItems", ToolArgs.MAX_LIST_ITEMS);
            } else {
                prop.put("type", p.type());
            }
            if (p.type().equals("integer") && p.min() != Long.MIN_VALUE) {
                prop.put("minimum", p.min());
                prop.put("maximum", p.max());
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
        return schema;
    }

    /** The MCP SDK's specification of {@code entry} on {@code role}'s endpoint: its schema from its parameters. */
    AsyncToolSpecification spec(ToolEntry entry, ToolRole role) {
        String name = entry.name();
        String description = entry.description();
        List<Param> params = entry.params();
        Handler handler = entry.handler();
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> schema = schema(params);
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
        return AsyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> invoke(name, role, params, handler, request, exchange)).build();
    }

    private Mono<McpSchema.CallToolResult> invoke(String name, ToolRole role, List<Param> params, Handler handler,
                                                  McpSchema.CallToolRequest request, McpAsyncServerExchange exchange) {
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        Call call = new Call(name, String.valueOf(exchange.transportContext().get(McpToolServer.CALLER_KEY)),
                arguments, System.nanoTime());
        String caller = call.caller();
        Optional<CallQuota.Refusal> refused = quota.take(new Caller(role, caller), name);
        if (refused.isPresent()) {
            // Only the first refusal of a spell is logged: a flood must not reach the store this way either.
            return Mono.just(refused.get().first() ? error(call, refused.get().message())
                    : McpSchema.CallToolResult.builder().addTextContent(refused.get().message()).isError(true).build());
        }
        ToolArgs args;
        try {
            args = ToolArgs.checked(name, params, arguments);
        } catch (ToolError e) {
            return Mono.just(error(call, e.getMessage()));
        } catch (RuntimeException e) {
            return Mono.just(error(call, name + ": the arguments could not be read ("
                    + e.getClass().getSimpleName() + "); check them against the tool's schema"));
        }
        boolean lead = role == ToolRole.LEAD;
        return Mono.fromCallable(() -> handler.call(args, new Caller(role, caller)))
                .subscribeOn(workers)
                .flatMap(r -> r instanceof CompletableFuture<?> f ? Mono.fromFuture(f) : Mono.justOrEmpty(r))
                .map(result -> success(call, result))
                .onErrorResume(e -> Mono.just(error(call, message(name, e))))
                .doOnSubscribe(s -> {
                    if (lead) {
                        leadActivity.callStarted();
                    }
                })
                .doFinally(signal -> {
                    if (lead) {
                        leadActivity.callEnded();
                    }
                    if (signal == reactor.core.publisher.SignalType.CANCEL) {
                        log(call, true, "cancelled: the client cancelled the call or went away");
                    }
                });
    }

    private String message(String name, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof ToolError) {
            return cause.getMessage();
        }
        if (cause instanceof RejectedExecutionException) {
            return "agentorchestr is busy: " + maxBusy + " tool calls are running at once; try again in a moment";
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            return name + " stopped: the session is ending";
        }
        return name + " failed: " + cause.getMessage();
    }

    /** One call as it is logged: the tool, who called, with what, and when it started. */
    private record Call(String name, String caller, Map<String, Object> arguments, long startNanos) {
    }

    private McpSchema.CallToolResult success(Call call, Object result) {
        String text;
        try {
            // Compact: the agent reads JSON as well without the indentation, which was a fifth of the text
            // (and of the tokens it costs) in a list of 100 workers.
            text = result instanceof String s ? s : JSON.writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(call, call.name() + " failed: its result could not be written as JSON");
        }
        log(call, false, text);
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(text).isError(false);
        if (!(result instanceof String)) {
            b.structuredContent(JSON.convertValue(result, Object.class));
        }
        return b.build();
    }

    private McpSchema.CallToolResult error(Call call, String message) {
        log(call, true, message);
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private void log(Call call, boolean error, String result) {
        String args;
        try {
            args = JSON.writeValueAsString(call.arguments());
        } catch (Exception e) {
            args = String.valueOf(call.arguments());
        }
        if (args.length() > LOGGED_RESULT_CHARS * 10) {
            args = args.substring(0, LOGGED_RESULT_CHARS * 10) + "...";
        }
        String logged = result.length() > LOGGED_RESULT_CHARS ? result.substring(0, LOGGED_RESULT_CHARS) + "..." : result;
        store.append(sessionId, new SessionEvent.ToolCalled(call.name(), call.caller(), args, error, logged,
                (System.nanoTime() - call.startNanos()) / 1_000_000));
    }
}
