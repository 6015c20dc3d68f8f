package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.rpc.RpcError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRpcCheckTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                                              | -32700 | 400",
        "''                                                     | -32600 | 400",
        "null                                                   | -32600 | 400",
        "42                                                     | -32600 | 400",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]     | -32600 | 400",
        "{\"id\":1,\"method\":\"ping\"}                          | -32600 | 400",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}      | -32600 | 400",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}             | -32600 | 400",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]} | -32602 | 200",
        "{\"jsonrpc\":\"2.0\",\"id\":1}                          | -32600 | 400",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing | -32700 | 400",
    })
    void malformedMessagesGetJsonRpcsOwnCodes(String body, int code, int status) {
        RpcError e = JsonRpcCheck.read(body).error();
        assertEquals(code, e.code(), body + " -> " + e.message());
        assertEquals(status, e.httpStatus());
        assertTrue(!e.message().contains("Exception") && !e.message().contains("\tat "), e.message());
    }

    @Test
    void aWellFormedRequestNotificationAndResponseAreRecognised() {
        assertEquals(JsonRpcCheck.Kind.REQUEST, JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}")
                .message().kind());
        assertEquals(JsonRpcCheck.Kind.NOTIFICATION, JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}")
                .message().kind());
        assertEquals(JsonRpcCheck.Kind.RESPONSE, JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}")
                .message().kind());
    }

    @Test
    void toolCallsNeedANameAndObjectArguments() {
        JsonRpcCheck.Message m = JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_workers\",\"arguments\":\"oops\"}}").message();
        assertEquals("tools/call: \"arguments\" must be an object of named arguments, not a string",
                JsonRpcCheck.paramsProblem(m).orElseThrow());
        JsonRpcCheck.Message ok = JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_workers\"}}").message();
        assertTrue(JsonRpcCheck.paramsProblem(ok).isEmpty());
        assertNull(JsonRpcCheck.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").error());
    }
}
