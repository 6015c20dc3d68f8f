package io.agentorchestr.core.attend;

import com.sun.net.httpserver.HttpServer;
import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.PrivateTmux;
import io.agentorchestr.core.tmux.NewPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notice channels against the real things: a tmux client's terminal, sh, an HTTP receiver on loopback. */
@Timeout(60)
class NoticeChannelsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SystemProcessRunner RUN = new SystemProcessRunner();

    @TempDir
    Path dir;

    private final Notice question = new Notice(Notice.Kind.QUESTION, "s1", "agentorchestr-s1", "w01",
            "w01 waits for input: proceed? (yes/no)", Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void theBellAndOsc9And777ReachThePersonsTerminalOncePerNotice() throws Exception {
        try (PrivateTmux server = PrivateTmux.overControlMode(dir)) {
            server.tmux().newSession("goal", "agentorchestr", new NewPane(List.of("sleep", "600"), dir, Map.of()));
            // The person's terminal: a pane of another server, whose output is recorded byte for byte.
            String terminal = dir.resolve("terminal.sock").toString();
            Path bytes = dir.resolve("terminal.out");
            RUN.runChecked(ProcessSpec.of("tmux", "-S", terminal, "-f", "/dev/null", "new-session", "-d", "-x", "100",
                    "-y", "30", "env -u TMUX tmux -S " + dir.resolve("tmux.sock") + " -f /dev/null attach -t goal"));
            try {
                Poll.until("the person's client", WAIT, () -> server.tmux().userClients().size() == 1);
                RUN.runChecked(ProcessSpec.of("tmux", "-S", terminal, "pipe-pane", "-o", "-t", "0",
                        "cat >> " + bytes));
                Thread.sleep(300);  // a moment for pipe-pane's shell to start cat
                TerminalChannel channel = new TerminalChannel(server.tmux());
                channel.send(question);
                channel.send(new Notice(Notice.Kind.GOAL_ENDED, "s1", "agentorchestr-s1", null, "goal done: ok",
                        Instant.now()));
                Poll.until("both notices on the terminal", WAIT, () -> read(bytes).contains("goal done: ok"));
                String out = read(bytes);
                assertEquals(2, count(out, "\u001b]9;"), out);
                assertEquals(2, count(out, "\u001b]777;notify;"), out);
                assertTrue(out.contains("\u001b]9;agentorchestr: w01 asks: w01 waits for input: proceed? (yes/no)\u0007"),
                        out);
                assertTrue(out.contains("\u001b]777;notify;agentorchestr: goal ended;goal done: ok\u0007"), out);
            } finally {
                RUN.run(ProcessSpec.of("tmux", "-S", terminal, "kill-server"));
            }
        }
    }

    @Test
    void notifySendIsUsedOnlyWhereADesktopSessionExists() throws Exception {
        // The desktop cannot run here: a notify-send that records its arguments stands in for it.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("args");
        Path fake = bin.resolve("notify-send");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s|' \"$@\" > " + args + "\n");
        fake.toFile().setExecutable(true);
        String path = bin + ":" + System.getenv("PATH");
        assertTrue(DesktopChannel.find(RUN, Map.of("PATH", path)).isEmpty(), "no display, no session bus: no desktop");
        NoticeChannel desktop = DesktopChannel.find(RUN, Map.of("PATH", path, "WAYLAND_DISPLAY", "wayland-0"))
                .orElseThrow();
        desktop.send(question);
        assertEquals("--app-name=agentorchestr|--urgency=critical|agentorchestr: w01 asks|"
                + "w01 waits for input: proceed? (yes/no)|", read(args));
        assertTrue(DesktopChannel.find(RUN, Map.of("PATH", dir.resolve("nothing").toString(), "DISPLAY", ":0"))
                .isEmpty(), "no notify-send installed: no desktop channel");
    }

    @Test
    void aCommandGetsTheNoticeAsJsonOnStdinAndAsVariables() throws Exception {
        Path got = dir.resolve("got");
        new CommandChannel(RUN, "cat > got.json; echo \"$AGENTORCHESTR_EVENT $AGENTORCHESTR_AGENT $AGENTORCHESTR_TITLE\""
                + " > got", dir).send(question);
        assertEquals("question w01 agentorchestr: w01 asks", read(got).strip());
        String json = read(dir.resolve("got.json"));
        assertTrue(json.contains("\"event\":\"question\"") && json.contains("\"agent\":\"w01\"")
                && json.contains("\"attach\":\"tmux attach -t agentorchestr-s1\""), json);
    }

    @Test
    void aWebhookGetsOneJsonPostPerNoticeAndAnErrorAnswerIsAFailure() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hook", x -> {
            bodies.add(x.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        http.createContext("/broken", x -> {
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            HttpClient client = HttpClient.newHttpClient();
            new WebhookChannel(client, URI.create(base + "/hook")).send(question);
            assertEquals(1, bodies.size());
            assertTrue(bodies.get(0).startsWith("application/json {\"event\":\"question\",\"session\":\"s1\""),
                    bodies.get(0));
            WebhookChannel broken = new WebhookChannel(client, URI.create(base + "/broken/secret-token"));
            assertEquals("webhook http://127.0.0.1:" + http.getAddress().getPort() + "/...", broken.name(),
                    "a webhook's path (often its secret) is not shown");
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> broken.send(question));
            assertEquals("HTTP 500", e.getMessage());
        } finally {
            http.stop(0);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
