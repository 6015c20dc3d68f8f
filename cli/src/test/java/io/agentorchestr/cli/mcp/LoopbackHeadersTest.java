package io.agentorchestr.cli.mcp;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoopbackHeadersTest {
    private final LoopbackHeaders check = new LoopbackHeaders();

    private void allowed(String host, String origin) {
        assertDoesNotThrow(() -> check.validateHeaders(origin == null ? Map.of("Host", List.of(host))
                : Map.of("host", List.of(host), "origin", List.of(origin))), host + " " + origin);
    }

    private int refused(String host, String origin) {
        return assertThrows(ServerTransportSecurityException.class, () -> check.validateHeaders(origin == null
                ? Map.of("Host", List.of(host)) : Map.of("Host", List.of(host), "Origin", List.of(origin))),
                host + " " + origin).getStatusCode();
    }

    @Test
    void loopbackHostsAndOriginsPass() {
        allowed("127.0.0.1:4000", null);
        allowed("localhost:4000", "http://localhost:4000");
        allowed("127.0.0.1:4000", "http://127.0.0.1:4000");
        allowed("127.0.0.1", "http://127.0.0.1");
    }

    @Test
    void anOriginWhoseHostIsElsewhereIsRefusedHoweverItIsDressed() {
        assertEquals(403, refused("127.0.0.1:4000", "http://127.0.0.1:1@evil"));
        assertEquals(403, refused("127.0.0.1:4000", "http://127.0.0.1:1@evil.example:80"));
        assertEquals(403, refused("127.0.0.1:4000", "http://127.0.0.1.evil.example"));
        assertEquals(403, refused("127.0.0.1:4000", "https://evil.example"));
        assertEquals(403, refused("127.0.0.1:4000", "http://localhost:4000/path"));
        assertEquals(403, refused("127.0.0.1:4000", "null"));
        assertEquals(403, refused("127.0.0.1:4000", "http://127.0.0.1:x"));
    }

    @Test
    void aForeignOrDressedHostIsRefused() {
        assertEquals(421, refused("evil.example:4000", null));
        assertEquals(421, refused("127.0.0.1:1@evil", null));
        assertEquals(421, refused("127.0.0.1.evil.example", null));
    }
}
