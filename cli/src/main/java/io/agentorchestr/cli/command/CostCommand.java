package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TerminalWidth;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.cost.TokenUsage;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.session.SessionCosts;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --cost [ID] [--since D]}: tokens and USD per session and per agent, read after the fact
 * from the agents' own records. Parts whose records are not read say unknown and are not counted.
 */
public final class CostCommand extends ModeCommand {
    private static final int LIMIT = 50;
    private final String sessionId;
    private final Duration since;

    public CostCommand(CliContext context, CommandSpec spec, CommonOptions common, String sessionId, Duration since) {
        super(context, spec, common);
        this.sessionId = sessionId == null || sessionId.isBlank() ? null : sessionId.strip();
        this.since = since;
    }

    @Override
    public Integer call() {
        SessionCosts costs = new SessionCosts(context.store(), UsageMeter.fromEnvironment(context.env()));
        List<SessionCosts.Part> parts = new ArrayList<>();
        for (SessionRecord s : sessions()) {
            parts.addAll(costs.of(s));
        }
        if (common.json) {
            Json.print(out(), json(parts));
        } else {
            print(parts);
        }
        out().flush();
        return ExitCode.OK.code();
    }

    private List<SessionRecord> sessions() {
        if (sessionId != null) {
            return List.of(context.store().session(sessionId).orElseThrow(() -> AgentorchestrException.usage(
                    "no session '" + sessionId + "'; --list-sessions shows the sessions and their ids")));
        }
        Optional<String> project = Optional.ofNullable(common.project).map(p -> projectRoot().toString());
        Instant after = since == null ? Instant.MIN : Instant.now().minus(since);
        return context.store().recentSessions(Integer.MAX_VALUE).stream()
                .filter(s -> project.map(p -> p.equals(s.project())).orElse(true))
                .filter(s -> s.createdAt().isAfter(after)).limit(LIMIT).toList();
    }

    private void print(List<SessionCosts.Part> parts) {
        if (parts.isEmpty()) {
            progress("no sessions" + (since == null ? "" : " in that time") + "; --list-sessions shows them");
            return;
        }
        TextTable table = new TextTable("SESSION", "WHO", "AGENT", "MODEL", "IN", "CACHE W", "CACHE R", "OUT", "USD");
        for (SessionCosts.Part p : parts) {
            table.row(p.session().id(), p.who(), p.agent(), p.usage().map(u -> String.valueOf(u.model())).orElse("-"),
                    num(p, TokenUsage::input), num(p, TokenUsage::cacheWrite), num(p, TokenUsage::cacheRead),
                    num(p, TokenUsage::output), p.usage().isEmpty() ? "unknown" : p.usd().map(CostCommand::usd)
                            .orElse("price unknown"));
        }
        table.print(out(), TerminalWidth.of(context.env()));
        SessionCosts.Total total = SessionCosts.Total.of(parts);
        out().println("total: USD " + usd(total.usd()) + (total.unknown() == 0 ? "" : " (" + total.unknown()
                + " part(s) without a known cost are not in it)"));
    }

    private static String num(SessionCosts.Part p, java.util.function.ToLongFunction<TokenUsage> f) {
        return p.usage().map(u -> String.valueOf(f.applyAsLong(u))).orElse("-");
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static Map<String, Object> json(List<SessionCosts.Part> parts) {
        Map<String, Map<String, Object>> bySession = new LinkedHashMap<>();
        Map<String, Double> byAgent = new LinkedHashMap<>();
        for (SessionCosts.Part p : parts) {
            Map<String, Object> s = bySession.computeIfAbsent(p.session().id(), id -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("created_at", p.session().createdAt().toString());
                m.put("project", p.session().project());
                m.put("parts", new ArrayList<Map<String, Object>>());
                return m;
            });
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("who", p.who());
            part.put("agent", p.agent());
            part.put("known", p.usage().isPresent());
            p.usage().ifPresent(u -> {
                part.put("model", u.model());
                part.put("input_tokens", u.input());
                part.put("cache_write_tokens", u.cacheWrite());
                part.put("cache_read_tokens", u.cacheRead());
                part.put("output_tokens", u.output());
            });
            part.put("usd", p.usd().orElse(null));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) s.get("parts");
            list.add(part);
            p.usd().ifPresent(v -> byAgent.merge(p.agent(), v, Double::sum));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", new ArrayList<>(bySession.values()));
        out.put("usd_by_agent", byAgent);
        out.put("usd", byAgent.values().stream().mapToDouble(d -> d).sum());
        out.put("unknown_parts", parts.stream().filter(p -> p.usd().isEmpty()).count());
        return out;
    }
}
