package io.agentorchestr.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo worker's side of messages between agents, over its MCP tools: {@code [demo:question=TO]}
 * asks TO a question and waits for the answer in its inbox; {@code [demo:answer]} stays at its prompt
 * until agentorchestr types a notice of new mail, then reads its inbox and answers every question.
 * Both are what a real agent does when it follows its prompt's protocol. {@code [demo:research=QUERY]}
 * looks QUERY up with web_research and keeps the brief with its sources.
 */
final class DemoMail {
    /** How long a question waits for its answer, and how long an address that is not there yet is retried. */
    private static final int ANSWER_WAIT_S = 300;
    private static final long RETRY_FOR_MS = 60_000;

    private final String id;
    private final PrintStream out;
    private final Path mcpConfig;

    DemoMail(String id, PrintStream out, Path mcpConfig) {
        this.id = id;
        this.out = out;
        this.mcpConfig = mcpConfig;
    }

    /** Asks {@code to} and returns the answer's text. */
    String ask(String to) throws IOException, InterruptedException {
        try (McpEndpoint mcp = McpEndpoint.connect(requireConfig())) {
            JsonNode sent = sendRetrying(mcp, Map.of("to", to, "type", "question", "body", id
                    + " asks: which port should the service listen on?"));
            out.println("demo: asked " + to + " (" + sent.path("id").asText() + "), waiting for the answer");
            while (true) {
                JsonNode inbox = mcp.call("read_inbox", Map.of("wait_s", ANSWER_WAIT_S, "types", List.of("answer")));
                for (JsonNode m : inbox.path("messages")) {
                    if (m.path("reply_to").asText().equals(sent.path("id").asText())) {
                        out.println("demo: answer from " + m.path("from").asText() + ": " + m.path("body").asText());
                        return m.path("from").asText() + " answered: " + m.path("body").asText();
                    }
                }
                if (inbox.path("messages").isEmpty()) {
                    throw new IOException("no answer from " + to + " within " + ANSWER_WAIT_S + " s");
                }
            }
        }
    }

    /** A worker that starts at once may address one the lead has not spawned yet: tried again for a while. */
    private JsonNode sendRetrying(McpEndpoint mcp, Map<String, Object> message) throws IOException,
            InterruptedException {
        long deadline = System.currentTimeMillis() + RETRY_FOR_MS;
        while (true) {
            try {
                return mcp.call("send_message", message);
            } catch (IOException e) {
                if (!e.getMessage().contains("unknown worker id") || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Waits at its prompt for a notice of new mail, then answers each question in its inbox; returns
     * what it answered, once it has answered at least one.
     */
    List<String> answerWhenTold(BufferedReader in) throws IOException {
        List<String> answered = new ArrayList<>();
        try (McpEndpoint mcp = McpEndpoint.connect(requireConfig())) {
            while (answered.isEmpty()) {
                out.print("demo> ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("input closed before a question came");
                }
                if (!line.contains("read_inbox")) {
                    out.println("demo: received: " + line.strip());
                    continue;
                }
                out.println("demo: told of new mail; reading the inbox");
                for (JsonNode m : mcp.call("read_inbox", Map.of()).path("messages")) {
                    out.println("demo: " + m.path("type").asText() + " from " + m.path("from").asText() + ": "
                            + m.path("body").asText());
                    if (m.path("type").asText().equals("question")) {
                        mcp.call("send_message", Map.of("to", m.path("from").asText(), "type", "answer",
                                "reply_to", m.path("id").asText(), "body", id + " says: use port 8080"));
                        answered.add(m.path("id").asText());
                    }
                }
            }
        }
        return answered;
    }

    /** The brief web_research gives for {@code query}, with its sources' addresses. */
    String research(String query) throws IOException {
        try (McpEndpoint mcp = McpEndpoint.connect(requireConfig())) {
            JsonNode r = mcp.call("web_research", Map.of("query", query));
            StringBuilder b = new StringBuilder("research (").append(r.path("researched_by").asText()).append("): ")
                    .append(r.path("brief").asText());
            for (JsonNode src : r.path("sources")) {
                b.append("\n[").append(src.path("n").asText()).append("] ").append(src.path("url").asText());
            }
            out.println("demo: researched \"" + query + "\"");
            return b.toString();
        }
    }

    private Path requireConfig() throws IOException {
        if (mcpConfig == null) {
            throw new IOException("[demo:question], [demo:answer] and [demo:research] need the agent's MCP tools (--mcp-config)");
        }
        return mcpConfig;
    }
}
