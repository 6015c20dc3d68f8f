package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code agentorchestr --dashboard} from the distribution, over sessions that real demo goals made in
 * the sandbox's store: every endpoint answers with what the goal did.
 */
@Timeout(300)
class DashboardApiIT extends SandboxedRun {

    @Test
    void everyEndpointShowsWhatARealGoalDid() throws Exception {
        JsonNode goal = goal("Write the first note\nWrite the second note [demo:hostile]", 0);
        String id = goal.get("session").asText();
        try (DashboardProcess d = DashboardProcess.start(dist, dir.resolve("dashboard.err"))) {
            assertTrue(d.url.startsWith("http://127.0.0.1:" + d.port + "/?token="), d.url);

            JsonNode list = d.api("/api/sessions");
            assertEquals(1, list.get("total").asInt());
            JsonNode row = list.get("sessions").get(0);
            assertEquals(id, row.get("id").asText());
            assertEquals("done", row.get("status").asText());
            assertEquals(2, row.get("worker_counts").get("done").asInt());
            assertEquals(project.dir().toString(), row.get("project").asText());

            JsonNode s = d.api("/api/sessions/" + id);
            assertEquals("agentorchestr/" + id + "/integration", s.get("integration_branch").asText());
            assertTrue(s.get("verify").get("passed").asBoolean(), s.toString());
            assertEquals("done", s.get("goal_marked").get("status").asText());
            assertEquals("demo", s.get("lead").get("agent").asText());

            JsonNode workers = d.api("/api/sessions/" + id + "/workers");
            assertEquals(2, workers.size());
            JsonNode hostile = workers.get(1);
            assertEquals("w02", hostile.get("worker_id").asText());
            assertTrue(hostile.get("merged").asBoolean());
            String summary = hostile.get("summary").asText();
            assertTrue(summary.contains("(hostile)"), summary);
            assertFalse(summary.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0)), "no control characters");

            JsonNode output = d.api("/api/sessions/" + id + "/workers/w01/output?tail=50");
            assertTrue(output.get("lines").asInt() > 0, output.toString());
            assertFalse(output.get("text").asText().contains("\u001b"), "escapes removed");
            assertEquals(Files.size(dir.resolve("xdg/state/agentorchestr/sessions/" + id + "/logs/w01.log")),
                    output.get("offset").asLong());

            JsonNode diff = d.api("/api/sessions/" + id + "/workers/w01/diff");
            assertTrue(diff.get("diff").asText().contains("diff --git"), diff.toString());
            assertEquals("agentorchestr/" + id + "/implementer-w01", diff.get("branch").asText());

            JsonNode events = d.api("/api/sessions/" + id + "/events?after=0&limit=1000");
            assertTrue(events.get("events").size() > 5);
            assertTrue(events.get("events").toString().contains("\"kind\":\"worker_merged\""));
            long last = events.get("last").asLong();
            assertEquals(0, d.api("/api/sessions/" + id + "/events?after=" + last).get("events").size());

            HttpResponse<String> noToken = d.get("/api/sessions/" + id);
            assertEquals(401, noToken.statusCode());
            assertEquals(0, d.stop(), "Ctrl-C (SIGTERM) stops the dashboard cleanly");
        }
    }

    @Test
    void aPortInUseIsNamedWithTheFixAndTheTokenSurvivesARestart() throws Exception {
        try (DashboardProcess first = DashboardProcess.start(dist, dir.resolve("first.err"))) {
            ExecResult second = dist.run("--dashboard", "--port", Integer.toString(first.port));
            assertEquals(1, second.exitCode(), second.stderr());
            assertTrue(second.stderr().contains("port " + first.port + " on 127.0.0.1 is in use")
                    && second.stderr().contains("--port"), second.stderr());
            String token = first.token;
            first.stop();
            try (DashboardProcess again = DashboardProcess.start(dist, dir.resolve("again.err"))) {
                assertEquals(token, again.token, "a bookmarked URL keeps working");
            }
            try (DashboardProcess renewed = DashboardProcess.start(dist, dir.resolve("renewed.err"), "--new-token")) {
                assertFalse(token.equals(renewed.token));
                assertEquals(401, renewed.get("/api/sessions", "Authorization", "Bearer " + token).statusCode());
            }
        }
    }

    @Test
    void aNonLoopbackAddressIsServedOnlyWithAWarning() throws Exception {
        try (DashboardProcess d = DashboardProcess.start(dist, dir.resolve("any.err"), "--bind", "0.0.0.0")) {
            assertEquals(200, d.get("/api/sessions", "Authorization", "Bearer " + d.token).statusCode());
            d.stop();
            String err = Files.readString(dir.resolve("any.err"));
            assertTrue(err.contains("warning: the dashboard listens on 0.0.0.0"), err);
        }
    }
}
