package io.agentorchestr.cli.command;

import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.RunOptions;
import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.session.ManualOutcome;
import io.agentorchestr.core.session.ManualRequest;
import io.agentorchestr.core.session.ManualRun;
import io.agentorchestr.core.session.SessionChrome;
import io.agentorchestr.core.text.TerminalText;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerView;
import io.agentorchestr.core.model.WorkerState;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code --manual --task TEXT}: one agent on one task in its own worktree; waits and reports. */
public final class ManualCommand extends ModeCommand {
    private final RunOptions options;

    public ManualCommand(CliContext context, CommandSpec spec, RunOptions options, CommonOptions common) {
        super(context, spec, common);
        this.options = options;
    }

    @Override
    public Integer call() throws Exception {
        try (PauseSignals signals = PauseSignals.install(err(),
                PauseSignals.Manner.stopStarting(Thread.currentThread()))) {
            ManualRun run = context.manualRun();
            ManualRun.Started started = run.start(new ManualRequest(options.task, options.agents,
                    common.projectOrCwd(), options.base, options.timeout));
            // A signal that came once the start could no longer stop is acted on at once by armed().
            Thread.interrupted();
            AtomicBoolean finished = new AtomicBoolean();
            signals.armed(started.session().id(), () -> {
                if (!finished.get()) {
                    run.markInterrupted(started);
                    err().println("agentorchestr: interrupted; session " + started.session().id()
                            + " left as it was (tmux session " + started.session().tmuxSession() + ")");
                    err().flush();
                    Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
                }
            });
            try {
                return watch(run, started);
            } finally {
                finished.set(true);
            }
        }
    }

    private int watch(ManualRun run, ManualRun.Started started) throws Exception {
        WorkerRecord w = started.worker();
        String session = started.session().tmuxSession();
        started.warnings().forEach(this::progress);
        TmuxAttach attach = new TmuxAttach(context.tmux(), context.env());
        progress("session " + started.session().id() + ": worker " + w.id() + " (" + w.agent()
                + ") started in pane " + w.paneId() + " of tmux session " + session);
        progress("branch " + w.branch() + ", worktree " + w.worktree());
        ProgressLines lines = new ProgressLines(this::progress);
        java.nio.file.Path dir = java.nio.file.Path.of(started.session().sessionDir());
        SessionChrome chrome = new SessionChrome(context.tmux(), started.session());
        chrome.dressOrWarn(ProcessHandle.current().pid(), dir, dir.resolve("progress.log"), this::progress);
        lines.into(dir.resolve("progress.log"), chrome::show);
        lines.accept("watch it with: " + attach.hint(session) + "; Ctrl-C here, " + SessionChrome.PAUSE_KEY
                + " in the session or agentorchestr --pause " + started.session().id() + " interrupts it; Ctrl-C in "
                + "its pane goes to the agent");
        ManualOutcome outcome = TmuxAttach.wanted(options.attach)
                ? new Attended(context.tmux(), attach, lines, err()).watch(session, () -> run.await(started, lines),
                        o -> o.worker().id() + " " + o.worker().state().label())
                : run.await(started, lines);
        render(out(), outcome, attach.hint(session));
        return outcome.worker().state() == WorkerState.DONE ? ExitCode.OK.code() : ExitCode.GOAL_FAILED.code();
    }

    private void render(PrintWriter out, ManualOutcome o, String attachHint) {
        WorkerRecord w = o.worker();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("session", o.session().id());
            json.putAll(WorkerView.of(w, WorkerView.Extras.NONE, ShownText.AS_WRITTEN));
            json.put("commits", o.commits().stream().map(c -> Map.of("id", c.id(), "subject", c.subject())).toList());
            json.put("tmux_session", o.session().tmuxSession());
            Json.print(out, json);
            return;
        }
        out.println("state:    " + w.state().label());
        out.println("summary:  " + TerminalText.safe(w.summary()).strip().replace("\n", "\n          "));
        out.println("session:  " + o.session().id());
        out.println("agent:    " + w.agent());
        out.println("branch:   " + w.branch());
        out.println("worktree: " + w.worktree());
        out.println("commits:  " + o.commits().size());
        o.commits().forEach(c -> out.println("  " + c.shortId() + " " + TerminalText.firstLine(c.subject(), 120)));
        out.println("tmux:     " + attachHint);
        out.flush();
    }
}
