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

    ApiServlet(DashboardData data, Streams streams, ApiDocs docs) {
        this.data = data;
        this.streams = streams;
        this.docs = docs;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        Params params = new Params(request);
        try {
            route(parts, params, request, response);
        } catch (Params.BadParam e) {
            Replies.error(response, 400, e.getMessage());
        }
    }

    private void route(List<String> p, Params params, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int n = p.size();
        if (n == 1 && p.get(0).equals("events")) {
            streams.events(request, response, params);
        } else if (n == 1 && p.get(0).equals("openapi.json")) {
            docs.spec(response);
        } else if (n == 1 && p.get(0).equals("docs")) {
            docs.page(response);
        } else if (n == 1 && p.get(0).equals("sessions")) {
            Replies.json(response, 200, data.sessions(new StoreReader.SessionQuery(params.choice("status", STATUSES),
                    params.text("project", 4096), (int) params.number("limit", 50, 1, MAX_PAGE),
                    params.number("offset", 0, 0, Long.MAX_VALUE / 2))));
        } else if (n >= 2 && p.get(0).equals("sessions")) {
            session(p, params, request, response);
        } else {
            Replies.error(response, 404, "no such API path: " + Replies.shown(request.getRequestURI())
                    + "; see /api/docs");
        }
    }

    private void session(List<String> p, Params params, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String id = p.get(1);
        Optional<SessionRecord> session = data.store().session(id);
        if (session.isEmpty()) {
            Replies.error(response, 404, "no session '" + Replies.shown(id) + "'; /api/sessions lists them");
            return;
        }
        int n = p.size();
        if (n == 2) {
            Replies.json(response, 200, data.session(id).orElseThrow());
        } else if (n == 3 && p.get(2).equals("workers")) {
            Replies.json(response, 200, data.workers(id).orElseThrow());
        } else if (n == 3 && p.get(2).equals("events")) {
            Replies.json(response, 200, data.events(id, params.number("after", 0, 0, Long.MAX_VALUE),
                    (int) params.number("limit", 500, 1, MAX_EVENTS)));
        } else if (n >= 5 && p.get(2).equals("workers")) {
            worker(session.get(), p, params, request, response);
        } else {
            Replies.error(response, 404, "no such API path: " + Replies.shown(request.getRequestURI())
                    + "; see /api/docs");
        }
    }

    private void worker(SessionRecord s, List<String> p, Params params, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        Optional<WorkerRecord> w = data.worker(s.id(), p.get(3));
        if (w.isEmpty()) {
            Replies.error(response, 404, "session " + s.id() + " has no worker '" + Replies.shown(p.get(3)) + "'");
            return;
        }
        String what = String.join("/", p.subList(4, p.size()));
        switch (what) {
            case "output" -> Replies.json(response, 200, data.output(w.get(), (int) params.number("tail", 200, 1,
                    10_000)));
            case "output/stream" -> streams.output(w.get(), request, response, params);
            case "diff" -> Replies.json(response, 200, data.diff(s, w.get()));
            default -> Replies.error(response, 404, "no such API path: " + Replies.shown(request.getRequestURI())
                    + "; see /api/docs");
        }
    }
}
