package io.agentorchestr.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.agent.McpAccess;
import io.agentorchestr.core.testing.TestRepo;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.agentorchestr.cli.mcp.LiveSession.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated bad input to every MCP tool, lead and worker, over the real HTTP transport: for each
 * parameter (read from the tool's own schema), wrong types, out-of-range and overflowing numbers,
 * huge strings, NUL, lone surrogates, control and escape sequences, path-like ids and ids that do not
 * belong to this session, plus unknown argument names. Every one must get a tool error that names the
 * problem, with no stack trace; nothing may be written in the user's checkout; and the session must
 * still spawn and finish a worker afterwards. The counts are printed.
 */
@Timeout(300)
class BadToolInputIT {
    private static final List<Object> WRONG_TYPES = List.of(7, true, Map.of("a", 1), 1.5);
    private static final List<String> BAD_TEXT = List.of("\u0000x", "x\ud800", "\udc00y", "a\u001b[2Jb",
            "a\u001b]0;title\u0007b", "\u009b31m", "\u007f", "x".repeat(200_001));
    private static final List<String> BAD_IDS = List.of("../w01", "/etc/passwd", "w01/../../x", "w77", " w01 ", "W01",
            "w01' OR '1'='1", "%0", "agentorchestr-w01");
    private static final List<String> BAD_CHOICES = List.of("../x", "bogus", "DONE!", "implementer; rm -rf /");

    @TempDir
    Path dir;

    @Test
    void everyToolRefusesGeneratedBadInputClearlyAndTheSessionStillWorks() throws Exception {
        try (LiveSession session = new LiveSession(dir)) {
            String[] endpoint = session.leadEndpoint();
            McpSyncClient lead = LiveSession.client(endpoint[0], endpoint[1]);
            assertFalse(call(lead, "spawn_worker", Map.of("task", "stay [demo:ignore]")).isError());
            McpAccess access = session.started.server().workerAccess("w01");
            McpSyncClient worker = LiveSession.client(access.url(), "Bearer " + access.token());
            String checkoutBefore = checkout(session.repo);

            Map<String, Integer> tried = new TreeMap<>();
            tryAll(lead, new RawMcp(endpoint[0], endpoint[1]).initialize(), "lead", tried);
            tryAll(worker, new RawMcp(access.url(), "Bearer " + access.token()).initialize(), "worker", tried);

            java.util.Set<String> declared = new java.util.TreeSet<>();
            ToolCatalog.declarations().all().forEach(e -> e.roles().forEach(r ->
                    declared.add(r.name().toLowerCase(java.util.Locale.ROOT) + ":" + e.name())));
            assertEquals(declared, tried.keySet(), "every tool of the catalog was probed, on its role's endpoint");
            assertEquals(checkoutBefore, checkout(session.repo), "nothing was written in the user's checkout");
            int total = tried.values().stream().mapToInt(Integer::intValue).sum();
            System.out.println("bad inputs tried per tool (" + total + " in all): " + tried);

            JsonNode spawned = LiveSession.json(call(lead, "spawn_worker", Map.of("task", "The final note")));
            JsonNode done = LiveSession.json(call(lead, "wait_for_worker", Map.of("worker_id",
                    spawned.get("worker_id").asText(), "timeout_s", 120)));
            assertEquals("done", done.get("state").asText(), done.toString());
            worker.closeGracefully();
            lead.closeGracefully();
        }
    }

    private static String checkout(Path repo) {
        return TestRepo.gitIn(repo, "status", "--porcelain", "--ignored") + "\n" + TestRepo.gitIn(repo, "rev-parse",
                "HEAD");
    }

    /**
     * Tools are listed with the SDK client; calls go raw, so that lone surrogates arrive as sent. A tool
     * the lead's endpoint serves too had every bad value there (one declaration, one check): on the
     * worker's endpoint, whose calls are rate-limited, it gets the unknown and the missing arguments.
     */
    private void tryAll(McpSyncClient client, RawMcp raw, String endpoint, Map<String, Integer> tried)
            throws Exception {
        for (McpSchema.Tool tool : client.listTools().tools()) {
            Map<?, ?> properties = (Map<?, ?>) tool.inputSchema().get("properties");
            List<?> required = tool.inputSchema().get("required") instanceof List<?> r ? r : List.of();
            int n = 0;
            boolean probedOnTheLeads = !endpoint.equals("lead") && ToolCatalog.declarations().all().stream()
                    .anyMatch(e -> e.name().equals(tool.name()) && e.roles().contains(ToolRole.LEAD));
            for (Map.Entry<?, ?> p : probedOnTheLeads ? Map.of().entrySet() : properties.entrySet()) {
                String name = (String) p.getKey();
                for (Object bad : badValues(name, (Map<?, ?>) p.getValue())) {
                    Map<String, Object> args = validArgs(tool.name(), required);
                    args.put(name, bad);
                    expectRefused(raw, tool.name(), name, args);
                    n++;
                }
            }
            Map<String, Object> unknown = validArgs(tool.name(), required);
            unknown.put("bogus_argument", "x");
            expectRefused(raw, tool.name(), "bogus_argument", unknown);
            n++;
            for (Object r : required) {
                Map<String, Object> missing = validArgs(tool.name(), required);
                missing.remove((String) r);
                expectRefused(raw, tool.name(), (String) r, missing);
                n++;
            }
            tried.merge(endpoint + ":" + tool.name(), n, Integer::sum);
        }
    }

    private static List<Object> badValues(String name, Map<?, ?> schema) {
        List<Object> out = new ArrayList<>();
        String type = String.valueOf(schema.get("type"));
        switch (type) {
            case "integer" -> {
                long max = ((Number) schema.get("maximum")).longValue();
                long min = ((Number) schema.get("minimum")).longValue();
                out.addAll(List.of(min - 1, max + 1, Long.MAX_VALUE, 1.0e30, 2.5, "abc", "", true, List.of(1),
                        Map.of()));
                // Past 32 bits: bad where the range ends sooner (a byte cursor may well be that large).
                out.addAll(List.of(2147483648L, -2147483649L).stream().filter(v -> v < min || v > max).toList());
            }
            case "boolean" -> out.addAll(List.of("maybe", "", 1, 0, List.of(true), Map.of("a", true)));
            case "array" -> {
                out.addAll(List.of(7, true, Map.of("a", 1), List.of(7), List.of("\u0000"), List.of("x\ud800"),
                        List.of("a\u001b[2J"), java.util.Collections.nCopies(101, "w01")));
                if (name.equals("tasks") || name.equals("add")) {
                    out.addAll(List.of(List.of(Map.of("id", "a")), List.of(Map.of("id", "a", "task", "x", "bogus", 1)),
                            List.of(Map.of("id", "a\u0000", "task", "x")), List.of(Map.of("id", 7, "task", "x"))));
                }
                if (name.equals("worker_ids") || name.equals("depends_on")) {
                    out.addAll(List.of(List.of("../w01"), List.of("w77"), List.of("w01", "/etc/passwd")));
                }
            }
            default -> {
                out.addAll(WRONG_TYPES);
                out.add(List.of("x"));
                out.addAll(BAD_TEXT);
                if (name.startsWith("worker_")) {
                    out.addAll(BAD_IDS);
                } else if (List.of("perspective", "agent_hint", "state").contains(name)) {
                    out.addAll(BAD_CHOICES);
                }
            }
        }
        return out;
    }

    /** Valid values for a tool's required arguments (w01 exists and keeps running). */
    private static Map<String, Object> validArgs(String tool, List<?> required) {
        Map<String, Object> valid = new HashMap<>(Map.of("task", "a note", "worker_id", "w01", "worker_a", "w01",
                "worker_b", "w01", "message", "hello", "summary", "fine", "reason", "none", "state", "done",
                "question", "why?"));
        valid.put("agent_id", "nosuch-1");
        valid.put("text", "hello");
        valid.put("topic", "testing");
        valid.put("query", "hello");
        valid.put("to", "all");
        valid.put("type", "status");
        valid.put("body", "hello");
        Map<String, Object> args = new LinkedHashMap<>();
        for (Object r : required) {
            args.put((String) r, valid.get((String) r));
        }
        return args;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ESCAPING = new com.fasterxml.jackson.databind
            .ObjectMapper().enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private int nextId;

    private void expectRefused(RawMcp raw, String tool, String param, Map<String, Object> args) throws Exception {
        String shown = tool + " " + summarise(args);
        String body = ESCAPING.writeValueAsString(args);
        // A worker's calls are rate-limited (CallQuota): this many bad calls hit it; call again until let in.
        RawMcp.Reply reply = io.agentorchestr.core.testing.Poll.value("the call let in past the worker's quota",
                java.time.Duration.ofSeconds(30), () -> {
                    try {
                        RawMcp.Reply r = raw.post(RawMcp.call(++nextId, tool, body));
                        return r.body().matches("(?s).*is calling \\w+ too often.*wait \\d+ s.*") ? null : r;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        JsonNode message = reply.message();
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), shown + ": " + reply.body());
        if (message.has("error")) {
            assertFalse(message.path("error").path("message").asText().isBlank(), shown);
            return;
        }
        JsonNode result = message.path("result");
        String text = result.path("content").path(0).path("text").asText();
        assertTrue(result.path("isError").asBoolean(), "refused: " + shown + " -> " + text);
        assertFalse(text.isBlank(), shown);
        assertFalse(text.contains("java."), "no Java internals: " + shown + " -> " + text);
        assertTrue(text.contains(param) || text.contains("unknown worker id") || text.contains("unknown "
                + "perspective") || text.contains("is not available") || text.contains("must be done, blocked"),
                "names the problem: " + shown + " -> " + text);
    }

    private static String summarise(Map<String, Object> args) {
        String s = args.toString().replaceAll("[\\p{Cntrl}\\p{Cs}]", "?");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
