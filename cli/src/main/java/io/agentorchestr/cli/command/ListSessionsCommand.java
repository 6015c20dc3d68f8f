package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.goal.Resumability;
import io.agentorchestr.core.session.SessionLock;
import io.agentorchestr.core.session.SessionRecord;
import io.agentorchestr.core.session.SessionStatus;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.worker.WorkerRecord;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --list-sessions}: recent sessions, newest first, with their workers. */
public final class ListSessionsCommand extends ModeCommand {
    private static final int LIMIT = 50;

    public ListSessionsCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        super(context, spec, common);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<SessionRecord> sessions = context.store().recentSessions(LIMIT);
        if (common.json) {
            Json.print(out, sessions.stream().map(this::look).map(this::sessionJson).toList());
            return 0;
        }
        if (sessions.isEmpty()) {
            err().println("agentorchestr: no sessions yet");
            return 0;
        }
        TextTable table = new TextTable("ID", "STATUS", "RESUMABLE", "MODE", "AGENTS", "WORKERS", "CREATED", "GOAL");
        for (SessionRecord s : sessions) {
            List<WorkerRecord> workers = context.store().workers(s.id());
            Look look = look(s);
            Resumability r = look.resumability();
            table.row(s.id(), look.status(), r.resumable() ? "yes" : "no: " + r.reason(), s.mode(),
                    String.join(",", s.agents()), String.valueOf(workers.size()), s.createdAt().toString(),
                    TerminalText.firstLine(s.goal(), 60));
        }
        table.print(out);
        out.flush();
        return 0;
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

    private Map<String, Object> sessionJson(Look look) {
        SessionRecord s = look.session();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", look.status());
        Resumability r = look.resumability();
        m.put("resumable", r.resumable());
        m.put("resumable_reason", r.reason());
        m.put("mode", s.mode());
        m.put("goal", s.goal());
        m.put("project", s.project());
        m.put("agents", s.agents());
        m.put("base_commit", s.baseCommit());
        m.put("tmux_session", s.tmuxSession());
        m.put("summary", s.summary());
        m.put("created_at", str(s.createdAt()));
        m.put("ended_at", str(s.endedAt()));
        m.put("workers", context.store().workers(s.id()).stream().map(WorkerJson::of).toList());
        return m;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

}
