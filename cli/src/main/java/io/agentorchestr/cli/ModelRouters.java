package io.agentorchestr.cli;

import io.agentorchestr.cli.mcp.SessionModels;
import io.agentorchestr.core.cost.Prices;
import io.agentorchestr.core.cost.TokenUsage;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.doctor.CheckResult;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.research.PageFetcher;
import io.agentorchestr.core.research.SearchBackend;
import io.agentorchestr.core.research.ResearchSettings;
import io.agentorchestr.core.research.WebResearch;
import io.agentorchestr.core.router.Providers;
import io.agentorchestr.core.router.Router;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model router of each project this process works in, with the environment's keys and the
 * project's [router]: one per project and session (a process drives one session), so its circuit
 * breakers last as long as the run. Each call it makes in a session is an event there, priced with the
 * project's prices.
 */
public final class ModelRouters implements SessionModels {
    private final Map<String, String> env;
    private final StateStore store;
    private final Map<String, Router> routers = new ConcurrentHashMap<>();
    private final Map<String, WebResearch> researchers = new ConcurrentHashMap<>();

    public ModelRouters(Map<String, String> env, StateStore store) {
        this.env = env;
        this.store = store;
    }

    /** {@code --doctor}: which providers have a key, and whom each task class asks first. */
    public CheckResult configured(Path project) {
        Router r = router(project, null);
        List<String> plan = r.providers(ModelTask.PLAN);
        if (plan.isEmpty()) {
            return CheckResult.pass("router", "no model key is set: draft_plan and the "
                    + "other router tools work without a model and say so (docs/router.md)");
        }
        StringBuilder d = new StringBuilder(plan.size() + " provider(s) with a key");
        for (ModelTask t : ModelTask.values()) {
            d.append("; ").append(t.label()).append(": ").append(String.join(" -> ", r.providers(t)));
        }
        return CheckResult.pass("router", d + " (--live asks each one)");
    }

    /**
     * {@code --doctor --live}: each provider with a key asked one small question. One that does not
     * answer is a warning: the router is optional, and its tools work without it.
     */
    public List<CheckResult> live(Path project) {
        List<Router.Probe> probes = router(project, null).probe();
        if (probes.isEmpty()) {
            return List.of(CheckResult.pass("router", "no model key is set: "
                    + "draft_plan and the other router tools work without a model and say so (docs/router.md)"));
        }
        return probes.stream().map(p -> p.ok()
                ? CheckResult.pass("router " + p.provider(), p.model() + " " + p.detail())
                : CheckResult.warn("router " + p.provider(), p.model() + ": " + p.detail(),
                "check its key and [router.providers." + p.provider() + "] in .agentorchestr/config.toml "
                        + "(docs/router.md)")).toList();
    }

    /**
     * {@code --doctor}: web_research's search backend, if one is configured; with {@code live}, asked one
     * search. A backend that fails is a warning: only web_research needs it.
     */
    public CheckResult research(Path project, boolean live) {
        ResearchSettings settings;
        try {
            settings = ResearchSettings.load(env, project);
        } catch (AgentorchestrException e) {
            return CheckResult.fail("research", e.getMessage(), "fix [research] in .agentorchestr/config.toml "
                    + "(docs/router.md)");
        }
        if (!settings.hasBackend()) {
            return CheckResult.pass("research", "no search backend: web_research answers with how to set one "
                    + "([research] searxng_url, SEARXNG_URL or BRAVE_API_KEY; docs/router.md)");
        }
        SearchBackend backend = SearchBackend.of(settings, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build());
        if (!live) {
            return CheckResult.pass("research", backend.name() + " (--live searches once)");
        }
        long start = System.nanoTime();
        try {
            int hits = backend.search("agentorchestr", 3).size();
            return CheckResult.pass("research", backend.name() + " answered " + hits + " result(s) in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (SearchBackend.SearchFailure e) {
            return CheckResult.warn("research", e.getMessage(), "web_research fails until the backend answers "
                    + "(docs/router.md)");
        }
    }

    /** The router for {@code project}; its calls are events of {@code sessionId} (null: no session). */
    public ModelRouter of(Path project, String sessionId) {
        return router(project, sessionId);
    }

    @Override
    public ModelRouter router(Supervisor session) {
        return of(Path.of(session.session().project()), session.session().id());
    }

    /** web_research for the session, with the project's [research], its answers kept beside its memory notes. */
    @Override
    public WebResearch research(Supervisor session) {
        Path project = Path.of(session.session().project());
        return researchers.computeIfAbsent(project + "\n" + session.session().id(), k -> new WebResearch(
                ResearchSettings.load(env, project), router(session), session.memory().memory().home()
                .resolve("research"), Clock.systemUTC(), PageFetcher.HostResolver.SYSTEM));
    }

    private Router router(Path project, String sessionId) {
        String key = project + "\n" + sessionId;
        return routers.computeIfAbsent(key, k -> {
            Prices prices = Prices.load(project);
            return new Router(Providers.load(env, project), store.modelCalls(), Clock.systemUTC(),
                    d -> Thread.sleep(d.toMillis()), call -> {
                        if (sessionId != null) {
                            Double usd = call.outcome().equals("ok") ? prices.usd(new TokenUsage(call.model(),
                                    call.inputTokens(), 0, 0, call.outputTokens(), 0)).orElse(null) : null;
                            store.append(sessionId, new SessionEvent.ModelCalled(call.task().label(), call.provider(),
                                    call.model(), call.outcome(), call.inputTokens(), call.outputTokens(), usd,
                                    call.durationMs()));
                        }
                    });
        });
    }
}
