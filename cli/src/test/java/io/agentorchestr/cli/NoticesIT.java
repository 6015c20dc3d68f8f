package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A goal tells the person when they are needed: [notify] webhooks and commands, end to end. */
@Timeout(240)
class NoticesIT {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    private Distribution dist;
    private TestRepo project;
    private HttpServer http;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final List<String> slowGot = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.createContext("/fast", x -> {
            posted.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        // A webhook that never answers while the goal runs: nothing of the goal may wait for it.
        http.createContext("/slow", x -> {
            slowGot.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        http.start();
    }

    @AfterEach
    void tearDown() {
        releaseSlow.countDown();
        http.stop(0);
        dist.close();
    }

    @Test
    void aWorkerThatAsksAndTheGoalsEndAreToldOnceEachWhileASlowWebhookHoldsNothingUp() throws Exception {
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        Path commandLog = dir.resolve("notices.jsonl");
        Path config = Files.createDirectories(dir.resolve("xdg/config/agentorchestr")).resolve("config.toml");
        Files.writeString(config, "[notify]\nwebhooks = [\"" + base + "/fast\", \"" + base + "/slow\"]\n"
                + "commands = [\"cat >> '" + commandLog + "'; echo >> '" + commandLog + "'\"]\n"
                + "min_interval_s = 600\n");

        ExecResult r = dist.run("--goal", "Ask first [demo:ask]\nWrite a hello note", "--agents", "demo",
                "--project", project.dir().toString(), "--no-attach", "--json");

        assertEquals(ExitCode.OK.code(), r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        assertEquals(List.of("question w01", "goal_ended null"), events(posted), posted.toString());
        assertEquals(List.of("question w01", "goal_ended null"), events(lines(commandLog)));
        assertTrue(slowGot.size() >= 1, "the slow webhook was called: " + slowGot);
        JsonNode ended = json.readTree(posted.get(1));
        assertTrue(ended.path("text").asText().startsWith("goal done: "), ended.toString());
        assertEquals(json.readTree(r.stdout()).path("session").asText(), ended.path("session").asText());
    }

    @Test
    void aLeadThatAsksOnItsScreenIsToldAndWaitsForTheAnswerInsteadOfBeingJudgedHung() throws Exception {
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        Path config = Files.createDirectories(dir.resolve("xdg/config/agentorchestr")).resolve("config.toml");
        Files.writeString(config, "[notify]\nwebhooks = [\"" + base + "/fast\"]\n");
        Path log = dir.resolve("run.log");
        // A hang threshold far below the time the person takes to answer: asking is not hanging.
        Process run = dist.start(log, "--goal", "Write a hello note [demo:confirm]", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json", "--hung-after", "5s");
        JsonNode asked = null;
        for (int i = 0; i < 600 && asked == null; i++) {
            for (String body : posted) {
                JsonNode n = json.readTree(body);
                asked = n.path("event").asText().equals("question") ? n : asked;
            }
            Thread.sleep(100);
        }
        assertTrue(asked != null, "no question told; run log:\n" + Files.readString(log));
        assertEquals("lead", asked.path("agent").asText());
        assertTrue(asked.path("text").asText().contains("start 1 task(s)? (yes/no)"), asked.toString());
        Thread.sleep(7000);  // past --hung-after: a lead that waits for its answer is not relaunched
        dist.tmux("send-keys", "-t", asked.path("tmux_session").asText() + ":0.0", "yes", "Enter");
        assertTrue(run.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), Files.readString(log));
        assertEquals(ExitCode.OK.code(), run.exitValue(), Files.readString(log));
        assertEquals(List.of("question lead", "goal_ended null"), events(posted), posted.toString());
        assertTrue(!Files.readString(log).contains("relaunching"), Files.readString(log));
    }

    private List<String> events(List<String> bodies) throws IOException {
        List<String> out = new ArrayList<>();
        for (String b : bodies) {
            JsonNode n = json.readTree(b);
            out.add(n.path("event").asText() + " " + (n.path("agent").isNull() ? "null" : n.path("agent").asText()));
        }
        return out;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
