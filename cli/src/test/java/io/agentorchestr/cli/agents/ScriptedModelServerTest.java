package io.agentorchestr.cli.agents;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scripted model servers answer bad requests with a 400 and go on; replies follow the conversation. */
class ScriptedModelServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(ScriptedModelServer api, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBadRequestGetsA400AndTheServerGoesOn() throws Exception {
        try (ResponsesApi api = new ResponsesApi(new ModelScript(List.of()))) {
            assertEquals(400, post(api, "/v1/responses", "{not json").statusCode());
            assertEquals(400, post(api, "/v1/responses", "{\"input\":7}").statusCode());
            assertEquals(400, post(api, "/v1/nothing-here", "{}").statusCode());
            HttpResponse<String> ok = post(api, "/v1/responses", "{\"input\":[],\"tools\":[]}");
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("response.completed"), ok.body());
            assertTrue(api.log().contains("-> 400"), api.log());
        }
    }

    @Test
    void theNextStepFollowsTheLatestAnsweredCallNotHowManyRequestsCame() {
        ModelScript script = new ModelScript(List.of(ModelScript.committingWorker("[m]")));
        String prompt = "You are worker w07. [m]";
        ModelScript.Conversation fresh = new ModelScript.Conversation(prompt, Set.of(), tool -> false);
        ModelScript.Move first = script.next(fresh);
        assertEquals(first, script.next(fresh), "a retried request gets the same answer");
        assertTrue(((ModelScript.ShellCall) first).command().contains("w07.txt"));
        ModelScript.Move second = script.next(new ModelScript.Conversation(prompt, Set.of("call_worker_0"),
                tool -> tool.equals("report_done")));
        assertEquals("report_done", ((ModelScript.McpCall) second).tool(), "finish reports over MCP when offered");
        ModelScript.Move flag = script.next(new ModelScript.Conversation(prompt, Set.of("call_worker_0"), tool -> false));
        assertTrue(((ModelScript.ShellCall) flag).command().contains(".agentorchestr/done.flag"), "else the flag");
        assertEquals(new ModelScript.Text("OK"), script.next(new ModelScript.Conversation("a title, please", Set.of(),
                tool -> false)), "a request of no role gets a short text");
    }
}
