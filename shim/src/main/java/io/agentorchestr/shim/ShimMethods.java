package io.agentorchestr.shim;

import io.agentorchestr.core.discovery.ShimProtocol;
import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.agent.AgentProfile;
import io.agentorchestr.core.discovery.AgentCard;
import io.agentorchestr.core.discovery.AgentDriver;
import io.agentorchestr.core.discovery.IdleWatch;
import io.agentorchestr.core.text.AnsiText;
import io.agentorchestr.core.text.PlainText;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a client of the shim's socket can do with the agent: {@code info}, {@code send}, {@code read},
 * {@code screen}, {@code wait_idle}, {@code kill}. Typing goes through tmux as one bracketed paste;
 * reading is the pane log (ANSI stripped) from a byte cursor, or the rendered screen.
 */
final class ShimMethods {
    private final AgentCard card;
    private final PrivateTmux tmux;
    private final PaneLog log;
    private final IdleWatch idle;

    ShimMethods(AgentCard card, PrivateTmux tmux, PaneLog log, Optional<AgentProfile> profile) {
        this.card = card;
        this.tmux = tmux;
        this.log = log;
        this.idle = new IdleWatch(new IdleWatch.Target() {
            @Override
            public boolean running() {
                return tmux.agentRunning();
            }

            @Override
            public long activity() {
                return log.size();
            }

            @Override
            public String screen() {
                return tmux.tmux().capturePane(tmux.pane(), 0);
            }

            @Override
            public Optional<Integer> exitStatus() {
                return tmux.exitStatus();
            }
        }, profile.map(AgentProfile::markers).orElse(null));
    }

    JsonRpc rpc() {
        Map<String, Function<JsonNode, JsonNode>> methods = new LinkedHashMap<>();
        methods.put(ShimProtocol.INFO, p -> info());
        methods.put(ShimProtocol.SEND, this::send);
        methods.put(ShimProtocol.READ, this::read);
        methods.put(ShimProtocol.SCREEN, p -> screen());
        methods.put(ShimProtocol.WAIT_IDLE, this::waitIdle);
        methods.put(ShimProtocol.KILL, p -> kill());
        return new JsonRpc(methods);
    }

    private JsonNode info() {
        ObjectNode out = JsonRpc.JSON.valueToTree(card);
        out.put("alive", tmux.agentRunning());
        tmux.exitStatus().ifPresent(s -> out.put("exit_status", s));
        out.put("log_bytes", log.size());
        return out;
    }

    private JsonNode send(JsonNode p) {
        JsonNode text = p.get("text");
        if (text == null || !text.isTextual() || text.asText().isEmpty()) {
            throw RpcError.badParams("send needs \"text\": a non-empty string");
        }
        String s = text.asText();
        // Escape sequences and other control characters would drive the agent's screen, not type text.
        PlainText.problem("text", s, ShimProtocol.MAX_SEND_CHARS).ifPresent(problem -> {
            throw RpcError.badParams(problem);
        });
        boolean submit = bool(p, "submit", true);
        requireAlive();
        tmux.tmux().pasteText(tmux.pane(), s);
        if (submit) {
            tmux.tmux().sendKeys(tmux.pane(), "Enter");
        }
        return JsonRpc.JSON.createObjectNode().put("sent", s.length()).put("submitted", submit);
    }

    private JsonNode read(JsonNode p) {
        long cursor = number(p, "cursor", 0, 0, Long.MAX_VALUE);
        // At least 4: a whole UTF-8 character always fits.
        int max = (int) number(p, "max_bytes", ShimProtocol.DEFAULT_READ_BYTES, 4, ShimProtocol.MAX_READ_BYTES);
        PaneLog.Chunk chunk = log.read(cursor, max);
        return JsonRpc.JSON.createObjectNode().put("text", AnsiText.strip(chunk.text())).put("cursor", chunk.next())
                .put("more", chunk.next() < log.size());
    }

    private JsonNode screen() {
        requireAlive();
        return JsonRpc.JSON.createObjectNode().put("text", tmux.tmux().capturePane(tmux.pane(), 0));
    }

    private JsonNode waitIdle(JsonNode p) {
        long timeout = number(p, "timeout_s", 30, 0, ShimProtocol.MAX_WAIT_S);
        AgentDriver.Idle r = idle.await(timeout * 1000);
        if (r.state().equals("interrupted")) {
            throw RpcError.failed("the shim is stopping");
        }
        ObjectNode out = JsonRpc.JSON.createObjectNode().put("idle", r.idle()).put("state", r.state())
                .put("waited_ms", r.waitedMs());
        tmux.exitStatus().ifPresent(s -> out.put("exit_status", s));
        return out;
    }

    private JsonNode kill() {
        boolean wasAlive = tmux.agentRunning();
        // After the answer is on its way: the server goes with the agent, and this shim exits.
        Thread stopper = new Thread(() -> {
            sleepQuietly(100);
            tmux.stop();
        }, "shim-kill");
        stopper.setDaemon(true);
        stopper.start();
        return JsonRpc.JSON.createObjectNode().put("killed", wasAlive);
    }

    private void requireAlive() {
        if (!tmux.agentRunning()) {
            throw RpcError.failed("the agent has exited" + tmux.exitStatus()
                    .map(s -> " with status " + s).orElse("") + "; read still gives its output");
        }
    }

    private static boolean bool(JsonNode p, String name, boolean dflt) {
        JsonNode v = p.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw RpcError.badParams(name + " must be true or false");
        }
        return v.asBoolean();
    }

    private static long number(JsonNode p, String name, long dflt, long min, long max) {
        JsonNode v = p.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        // canConvertToLong: 2^64 + 5 is no long, and asLong() would read it as 5.
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw RpcError.badParams(name + " must be a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
