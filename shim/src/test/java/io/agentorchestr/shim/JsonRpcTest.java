package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRpcTest {
    private final JsonRpc rpc = new JsonRpc(Map.<String, Function<JsonNode, JsonNode>>of(
            "echo", p -> p,
            "picky", p -> {
                throw RpcError.badParams("x must be a number");
            },
            "broken", p -> {
                throw new IllegalStateException("disk on fire");
            }));

    private static JsonNode parse(Optional<String> line) throws Exception {
        return JsonRpc.JSON.readTree(line.orElseThrow());
    }

    @Test
    void aRequestGetsItsResultUnderItsOwnId() throws Exception {
        JsonNode r = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"echo\",\"params\":{\"k\":1}}"));
        assertEquals("2.0", r.get("jsonrpc").asText());
        assertEquals("a-1", r.get("id").asText());
        assertEquals(1, r.get("result").get("k").asInt());
    }

    @Test
    void missingParamsAreAnEmptyObject() throws Exception {
        JsonNode r = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\"}"));
        assertTrue(r.get("result").isObject());
        assertEquals(0, r.get("result").size());
    }

    @Test
    void notJsonIsAParseErrorWithANullId() throws Exception {
        JsonNode r = parse(rpc.handle("{\"jsonrpc\":"));
        assertEquals(RpcError.PARSE_ERROR, r.get("error").get("code").asInt());
        assertTrue(r.get("id").isNull());
    }

    @Test
    void aRequestThatIsNotARequestIsInvalid() throws Exception {
        for (String bad : new String[] {"[1,2]", "\"text\"", "{\"id\":1,\"method\":\"echo\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"echo\"}"}) {
            JsonNode r = parse(rpc.handle(bad));
            assertEquals(RpcError.INVALID_REQUEST, r.get("error").get("code").asInt(), bad);
        }
    }

    @Test
    void positionalParamsAreRefused() throws Exception {
        JsonNode r = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}"));
        assertEquals(RpcError.INVALID_PARAMS, r.get("error").get("code").asInt());
    }

    @Test
    void anUnknownMethodIsNamedWithTheMethodsThereAre() throws Exception {
        JsonNode r = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fly\"}"));
        assertEquals(RpcError.METHOD_NOT_FOUND, r.get("error").get("code").asInt());
        assertTrue(r.get("error").get("message").asText().contains("broken, echo, picky"));
    }

    @Test
    void aMethodsOwnErrorsKeepTheirCodeAndOthersAreInternal() throws Exception {
        JsonNode picky = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"picky\"}"));
        assertEquals(RpcError.INVALID_PARAMS, picky.get("error").get("code").asInt());
        assertEquals("x must be a number", picky.get("error").get("message").asText());
        JsonNode broken = parse(rpc.handle("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"broken\"}"));
        assertEquals(RpcError.INTERNAL_ERROR, broken.get("error").get("code").asInt());
        assertTrue(broken.get("error").get("message").asText().contains("disk on fire"));
    }

    @Test
    void aNotificationGetsNoResponse() {
        assertEquals(Optional.empty(), rpc.handle("{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}"));
        assertEquals(Optional.empty(), rpc.handle("{\"jsonrpc\":\"2.0\",\"method\":\"broken\"}"));
    }
}
