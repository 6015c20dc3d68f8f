package io.agentorchestr.cli.mcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's doors: bearer tokens per endpoint, loopback Host and Origin only. Raw HTTP on purpose. */
@Timeout(120)
class McpAuthIT {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;
    private LiveSession session;
    private URI lead;
    private String leadAuth;

    @BeforeEach
    void start() throws IOException {
        session = new LiveSession(dir);
        String[] endpoint = session.leadEndpoint();
        lead = URI.create(endpoint[0]);
        leadAuth = endpoint[1];
    }

    @AfterEach
    void stop() {
        session.close();
    }

    /** POSTs initialize with exactly these headers; returns the status line's code and the body. */
    private String[] post(String path, String host, String origin, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", lead.getPort())) {
            StringBuilder req = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Connection: close\r\nContent-Length: " + INITIALIZE.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n");
            if (origin != null) {
                req.append("Origin: ").append(origin).append("\r\n");
            }
            if (authorization != null) {
                req.append("Authorization: ").append(authorization).append("\r\n");
            }
            req.append("\r\n").append(INITIALIZE);
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[]{response.split(" ")[1], response};
        }
    }

    private String host() {
        return "127.0.0.1:" + lead.getPort();
    }

    @Test
    void theLeadTokenOpensTheLeadEndpoint() throws IOException {
        String[] r = post("/mcp", host(), null, leadAuth);
        assertEquals("200", r[0], r[1]);
        assertTrue(r[1].contains("agentorchestr"), r[1]);
        assertEquals("200", post("/mcp", "localhost:" + lead.getPort(), "http://localhost:" + lead.getPort(),
                leadAuth)[0]);
    }

    @Test
    void noTokenOrAWrongTokenIsUnauthorized() throws IOException {
        String[] none = post("/mcp", host(), null, null);
        assertEquals("401", none[0], none[1]);
        assertTrue(none[1].contains("WWW-Authenticate: Bearer"), none[1]);
        assertEquals("401", post("/mcp", host(), null, "Bearer not-the-token")[0]);
        assertEquals("401", post("/mcp", host(), null, leadAuth.replace("Bearer ", "Basic "))[0]);
    }

    @Test
    void tokensOnlyOpenTheirOwnEndpoint() throws IOException {
        String workerAuth = "Bearer " + session.started.server().workerAccess("w01").token();
        assertEquals("401", post("/mcp", host(), null, workerAuth)[0], "a worker token must not reach lead tools");
        assertEquals("401", post("/worker/mcp", host(), null, leadAuth)[0]);
        assertEquals("200", post("/worker/mcp", host(), null, workerAuth)[0]);
    }

    @Test
    void aForeignHostOrOriginIsRefusedEvenWithTheToken() throws IOException {
        String[] host = post("/mcp", "evil.example:" + lead.getPort(), null, leadAuth);
        assertTrue(host[0].startsWith("4"), host[1]);
        String[] origin = post("/mcp", host(), "http://evil.example", leadAuth);
        assertTrue(origin[0].startsWith("4"), origin[1]);
        String[] dressed = post("/mcp", host(), "http://127.0.0.1:1@evil", leadAuth);
        assertTrue(dressed[0].contains("403"), "an origin whose host is evil, written to look local: " + dressed[0]);
    }
}
