package io.agentorchestr.dashboard;

import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.store.StoreReader;
import io.agentorchestr.core.model.WorkerRecord;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON API under {@code /api} (documented by {@code /api/openapi.json} and {@code /api/docs}).
 * Unknown sessions and workers are 404s, bad parameters 400s, each with a JSON error that says why.
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_PAGE = 500;
    static final int MAX_EVENTS = 1000;
    private static final List<String> STATUSES = Arrays.stream(SessionStatus.values()).map(SessionStatus::label)
            .toList();

    private final transient DashboardData data;
    private final transient Streams streams;
    private final transient ApiDocs docs;
    private final transient List<Route> routes;

    ApiServlet(DashboardData data, Streams streams, ApiDocs docs) {
        this.data = data;
        this.streams = streams;
        this.docs = docs;
        this.routes = routes();
    }

    /** Every path of the API; /api/openapi.json documents exactly these (and /healthz). */
    List<Route> routes() {
        return List.of(
                new Route("/api/sessions", (v, params, request, response) -> Replies.json(response, 200,
                        data.sessions(new StoreReader.SessionQuery(params.choice("status", STATUSES),
                                params.text("project", 4096), (int) params.number("limit", 50, 1, MAX_PAGE),
                                params.number("offset", 0, 0, Long.MAX_VALUE / 2))))),
                new Route("/api/sessions/{id}", (v, params, request, response) -> ofSession(v, response, s ->
                        Replies.json(response, 200, data.session(s.id()).orElseThrow()))),
                new Route("/api/sessions/{id}/workers", (v, params, request, response) -> ofSession(v, response, s ->
                        Replies.json(response, 200, data.workers(s.id()).orElseThrow()))),
                new Route("/api/sessions/{id}/workers/{wid}/output", (v, params, request, response) ->
                        ofWorker(v, response, (s, w) -> Replies.json(response, 200, data.output(w,
                                (int) params.number("tail", 200, 1, 10_000))))),
                new Route("/api/sessions/{id}/workers/{wid}/output/stream", (v, params, request, response) ->
                        ofWorker(v, response, (s, w) -> streams.output(w, request, response, params))),
                new Route("/api/sessions/{id}/workers/{wid}/diff", (v, params, request, response) ->
                        ofWorker(v, response, (s, w) -> Replies.json(response, 200, data.diff(s, w)))),
                new Route("/api/sessions/{id}/events", (v, params, request, response) -> ofSession(v, response, s ->
                        Replies.json(response, 200, data.events(s.id(), params.number("after", 0, 0, Long.MAX_VALUE),
                                (int) params.number("limit", 500, 1, MAX_EVENTS))))),
                new Route("/api/sessions/{id}/plan", (v, params, request, response) -> ofSession(v, response,
                        s -> Replies.json(response, 200, data.plan(s.id())))),
                new Route("/api/sessions/{id}/usage", (v, params, request, response) -> ofSession(v, response,
                        s -> Replies.json(response, 200, data.usage(s.id())))),
                new Route("/api/sessions/{id}/messages", (v, params, request, response) -> ofSession(v, response,
                        s -> Replies.json(response, 200, data.messages(s.id(), params.number("after", 0, 0,
                                Long.MAX_VALUE), (int) params.number("limit", 500, 1, MAX_EVENTS))))),
                new Route("/api/events", (v, params, request, response) -> streams.events(request, response, params)),
                new Route("/api/openapi.json", (v, params, request, response) -> docs.spec(response)),
                new Route("/api/docs", (v, params, request, response) -> docs.page(response)));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> parts = Route.segments("/api" + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        Params params = new Params(request);
        try {
            for (Route route : routes) {
                Optional<Map<String, String>> vars = route.match(parts);
                if (vars.isPresent()) {
                    route.handler().handle(vars.get(), params, request, response);
                    return;
                }
            }
            Replies.error(response, 404, "no such API path: " + Replies.shown(request.getRequestURI())
                    + "; see /api/docs");
        } catch (Params.BadParam e) {
            Replies.error(response, 400, e.getMessage());
        }
    }

    private interface OfSession {
        void with(SessionRecord session) throws IOException;
    }

    private interface OfWorker {
        void with(SessionRecord session, WorkerRecord worker) throws IOException;
    }

    /** The path's session, or a 404 that says how to find the sessions. */
    private void ofSession(Map<String, String> vars, HttpServletResponse response, OfSession then)
            throws IOException {
        String id = vars.get("id");
        Optional<SessionRecord> session = data.store().session(id);
        if (session.isEmpty()) {
            Replies.error(response, 404, "no session '" + Replies.shown(id) + "'; /api/sessions lists them");
            return;
        }
        then.with(session.get());
    }

    /** The path's worker of the path's session, or a 404 that names what is missing. */
    private void ofWorker(Map<String, String> vars, HttpServletResponse response, OfWorker then) throws IOException {
        ofSession(vars, response, s -> {
            Optional<WorkerRecord> w = data.worker(s.id(), vars.get("wid"));
            if (w.isEmpty()) {
                Replies.error(response, 404, "session " + s.id() + " has no worker '" + Replies.shown(vars.get("wid"))
                        + "'");
                return;
            }
            then.with(s, w.get());
        });
    }
}
