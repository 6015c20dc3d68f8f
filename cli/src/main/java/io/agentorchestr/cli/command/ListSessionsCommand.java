package io.agentorchestr.cli.command;

import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.core.model.SessionView;
import io.agentorchestr.core.model.WorkerView;
import io.agentorchestr.cli.Ago;
import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TerminalWidth;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.goal.Resumability;
import io.agentorchestr.core.cost.UsageMeter;
import io.agentorchestr.core.session.SessionCosts;
import io.agentorchestr.core.session.SessionLock;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --list-sessions [--project PATH]}: recent sessions, newest first, fitted to the terminal (the
 * goal is cut; {@code --json} has everything), optionally of one project only.
 */
public final class ListSessionsCommand extends ModeCommand {
    private static final int LIMIT = 50;

    public ListSessionsCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        super(context, spec, common);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        Optional<String> project = Optional.ofNullable(common.project).map(this::projectRoot);
        List<SessionRecord> sessions = project.map(p -> context.store().recentSessions(Integer.MAX_VALUE).stream()
                .filter(s -> s.project().equals(p)).limit(LIMIT).toList())
                .orElseGet(() -> context.store().recentSessions(LIMIT));
        SessionCosts costs = new SessionCosts(context.store(), UsageMeter.fromEnvironment(context.env()));
        if (common.json) {
            Json.print(out, sessions.stream().map(s -> sessionJson(look(s), SessionCosts.Total.of(costs.of(s))))
                    .toList());
            return 0;
        }
        if (sessions.isEmpty()) {
            err().println("agentorchestr: no sessions yet" + project.map(p -> " in " + p).orElse(""));
            return 0;
        }
        ProjectNames names = new ProjectNames(sessions.stream().map(SessionRecord::project).toList());
        TextTable table = new TextTable("ID", "STATUS", "RESUME", "MODE", "PROJECT", "WORKERS", "AGENTS", "USD",
                "CREATED", "GOAL");
        Instant now = Instant.now();
        for (SessionRecord s : sessions) {
            Look look = look(s);
            table.row(s.id(), look.status(), look.resumability().resumable() ? "yes" : "no", s.mode(),
                    names.of(s.project()), String.valueOf(context.store().workers(s.id()).size()),
                    String.join(",", s.agents()), SessionCosts.Total.of(costs.of(s)).shown(), Ago.of(s.createdAt(), now, ZoneId.systemDefault()),
                    TerminalText.firstLine(s.goal(), 200));
        }
        table.print(out, TerminalWidth.of(context.env()));
        out.flush();
        return 0;
    }

    /** The repository a --project path is in, as sessions record it; the path itself outside one. */
    private String projectRoot(Path given) {
        Path abs = given.toAbsolutePath().normalize();
        try {
            return context.git().isWorkTree(abs) ? context.git().topLevel(abs).toString() : abs.toString();
        } catch (RuntimeException e) {
            return abs.toString();
        }
    }

    /** Projects by their directory's name; two with the same name get their parent's too. */
    private record ProjectNames(List<String> paths) {
        String of(String path) {
            String name = last(path, 1);
            boolean clash = paths.stream().distinct().filter(p -> !p.equals(path)).anyMatch(p -> last(p, 1)
                    .equals(name));
            return clash ? last(path, 2) : name;
        }

        private static String last(String path, int n) {
            Path p = Path.of(path);
            int count = p.getNameCount();
            return count == 0 ? path : p.subpath(Math.max(0, count - n), count).toString();
        }
    }

    /** A session as it stands now: whether a process drives it is asked once (it opens its lock file). */
    private record Look(SessionRecord session, String status, Resumability resumability) {
    }

    /** A session stored as running that no process drives (its lock is free) did not end cleanly. */
    private Look look(SessionRecord s) {
        boolean driven = SessionLock.driven(s);
        String status = s.status() == SessionStatus.RUNNING && !driven ? "abandoned" : s.status().label();
        return new Look(s, status, Resumability.of(s, context.store().runtime(s.id()).isPresent(), driven));
    }

    private Map<String, Object> sessionJson(Look look, SessionCosts.Total cost) {
        SessionRecord s = look.session();
        Map<String, Object> m = new LinkedHashMap<>(SessionView.of(s, look.status(), ShownText.AS_WRITTEN));
        Resumability r = look.resumability();
        m.put("resumable", r.resumable());
        m.put("resumable_reason", r.reason());
        m.put("workers", context.store().workers(s.id()).stream()
                .map(w -> WorkerView.of(w, WorkerView.Extras.NONE, ShownText.AS_WRITTEN)).toList());
        m.put("usd", cost.priced() == 0 ? null : cost.usd());
        m.put("usd_unknown_parts", cost.unknown());
        return m;
    }
}
