package io.agentorchestr.core.router;

import io.agentorchestr.core.model.ModelCallLog;
import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The model router: a task class's providers in order, each behind its circuit breaker and its request
 * limits; a 429 or 503 that asks to wait a little ({@link #MAX_WAIT}) and a 5xx are tried again on the
 * same provider, anything else moves on to the next. Every call is told to {@code calls} (an event).
 */
public final class Router implements ModelRouter {
    /** The longest Retry-After waited for on the same provider; past it the next provider is tried. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    static final int ATTEMPTS = 3;

    /** One call as it went: for the session's events. */
    public record Call(ModelTask task, String provider, String model, String outcome, long inputTokens,
                       long outputTokens, long durationMs) {
    }

    /** How the router waits (a test does not). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Providers.Setup setup;
    private final ModelCallLog log;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<Call> calls;
    private final HttpClient http;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    public Router(Providers.Setup setup, ModelCallLog log, Clock clock, Sleeper sleeper, Consumer<Call> calls) {
        this.setup = setup;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
        this.calls = calls;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<String> providers(ModelTask task) {
        return setup.forTask(task).stream().map(Provider::name).toList();
    }

    @Override
    public Optional<ModelReply> ask(ModelTask task, ModelRequest request) {
        List<Provider> providers = setup.forTask(task);
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        List<String> failures = new ArrayList<>();
        for (Provider p : providers) {
            Breaker breaker = breakers.computeIfAbsent(p.name(), n -> new Breaker(clock));
            Optional<String> limited = limited(p);
            if (limited.isPresent()) {
                failures.add(p.name() + ": " + limited.get());
                continue;
            }
            if (!breaker.allows()) {
                failures.add(p.name() + ": passed over until " + breaker.openUntil() + " after " + Breaker.OPENS_AFTER
                        + " failures in a row");
                continue;
            }
            try {
                ModelReply reply = withRetries(p, task, request);
                breaker.succeeded();
                return Optional.of(reply);
            } catch (CallFailure f) {
                breaker.failed();
                failures.add(p.name() + ": " + f.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("the " + task.label() + " request was interrupted");
            }
        }
        throw new Failure("no model answered the " + task.label() + " request: " + String.join("; ", failures));
    }

    /** How one provider answered a probe. */
    public record Probe(String provider, String model, boolean ok, String detail) {
    }

    /** One small request to each provider with a key (for --doctor --live), past breakers and order. */
    public List<Probe> probe() {
        List<Probe> out = new ArrayList<>();
        ModelRequest ask = new ModelRequest("Answer with the single word OK.", "Say OK.", 16);
        for (Provider p : setup.providers().values()) {
            long t0 = System.nanoTime();
            try {
                ModelReply r = once(p, ModelTask.COMPRESS, ask);
                out.add(new Probe(p.name(), r.model(), true, "answered in " + ms(t0) + " ms (" + r.inputTokens()
                        + " tokens in, " + r.outputTokens() + " out)"));
            } catch (CallFailure f) {
                out.add(new Probe(p.name(), p.model(ModelTask.COMPRESS), false, f.getMessage()));
            }
        }
        return out;
    }

    /** Why the provider's free tier would refuse a call now, by the calls counted in the store. */
    private Optional<String> limited(Provider p) {
        Instant now = clock.instant();
        if (p.perMinute() > 0 && log.since(p.name(), now.minus(Duration.ofMinutes(1))) >= p.perMinute()) {
            return Optional.of("its limit of " + p.perMinute() + " requests a minute is reached");
        }
        if (p.perDay() > 0 && log.since(p.name(), now.minus(Duration.ofDays(1))) >= p.perDay()) {
            return Optional.of("its limit of " + p.perDay() + " requests a day is reached");
        }
        return Optional.empty();
    }

    private ModelReply withRetries(Provider p, ModelTask task, ModelRequest request) throws InterruptedException {
        CallFailure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(p, task, request);
            } catch (CallFailure f) {
                last = f;
                Duration wait = f.retryAfter() != null ? f.retryAfter()
                        : f.status() >= 500 ? Duration.ofMillis(500L << (attempt - 1)) : null;
                if (wait == null || wait.compareTo(MAX_WAIT) > 0 || attempt == ATTEMPTS) {
                    throw f;
                }
                sleeper.sleep(wait);
            }
        }
        throw last;
    }

    private ModelReply once(Provider p, ModelTask task, ModelRequest request) {
        String model = p.model(task);
        long t0 = System.nanoTime();
        log.record(p.name(), clock.instant());
        try {
            HttpResponse<String> r = http.send(WireFormat.request(p, model, request)
                    .timeout(Duration.ofSeconds(setup.timeoutSeconds())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw refused(r);
            }
            ModelReply reply = WireFormat.reply(p, model, r.body());
            calls.accept(new Call(task, p.name(), model, "ok", reply.inputTokens(), reply.outputTokens(), ms(t0)));
            return reply;
        } catch (CallFailure f) {
            calls.accept(new Call(task, p.name(), model, f.getMessage(), 0, 0, ms(t0)));
            throw f;
        } catch (HttpTimeoutException e) {
            calls.accept(new Call(task, p.name(), model, "timed out", 0, 0, ms(t0)));
            throw new CallFailure("no answer within " + setup.timeoutSeconds() + " s", true);
        } catch (IOException e) {
            calls.accept(new Call(task, p.name(), model, "connection failed", 0, 0, ms(t0)));
            throw new CallFailure("the connection failed or was cut (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure("interrupted", false);
        }
    }

    private static CallFailure refused(HttpResponse<String> r) {
        Duration retryAfter = r.headers().firstValue("Retry-After").flatMap(Router::seconds).orElse(null);
        String why = "HTTP " + r.statusCode() + " (" + WireFormat.firstLine(r.body()) + ")";
        return new CallFailure(why, true, r.statusCode() == 429 || r.statusCode() == 503 ? retryAfter : null,
                r.statusCode());
    }

    /** A Retry-After in seconds (the HTTP-date form is taken as "later": the next provider). */
    private static Optional<Duration> seconds(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            return Optional.of(MAX_WAIT.plusSeconds(1));
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
