package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.doctor.CheckResult;
import io.agentorchestr.core.doctor.LiveCheck;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --doctor [--live]}: every check with its result; exit 0 when all pass, 1 otherwise. With
 * {@code --live}, each installed agent is also started for real (see {@link LiveCheck}).
 */
public final class DoctorCommand extends ModeCommand {
    /** How many lines of a blocked agent's last screen are shown. */
    private static final int SCREEN_LINES = 12;

    private final boolean live;

    public DoctorCommand(CliContext context, CommandSpec spec, CommonOptions common, boolean live) {
        super(context, spec, common);
        this.live = live;
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<DetectedAgent> agents = context.detector().detect(context.registry().all());
        List<CheckResult> results = new ArrayList<>(context.doctor(agents).run());
        List<LiveCheck.Result> liveResults = List.of();
        if (live) {
            if (!common.json) {
                err().println("agentorchestr: starting each installed agent in a private tmux server...");
                err().flush();
            }
            liveResults = context.liveCheck().run(agents);
            results.addAll(LiveCheck.asChecks(liveResults));
        }
        boolean healthy = results.stream().allMatch(CheckResult::ok);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("healthy", healthy);
            json.put("checks", results.stream().map(DoctorCommand::checkJson).toList());
            if (live) {
                json.put("live", liveResults.stream().map(DoctorCommand::liveJson).toList());
            }
            Json.print(out, json);
        } else {
            for (CheckResult r : results) {
                // Details quote tools' own output (agents' --version): made safe for the terminal.
                out.printf("%-4s %-17s %s%n", r.ok() ? "ok" : "FAIL", r.name(), TerminalText.safe(r.detail()));
                if (!r.ok()) {
                    out.printf("     %-17s fix: %s%n", "", TerminalText.safe(r.fix()));
                }
            }
            liveResults.stream().filter(r -> !r.ok() && !r.screen().isBlank()).forEach(r -> {
                out.println("last screen of " + r.agent() + ":");
                List<String> lines = r.screen().lines().filter(l -> !l.isBlank()).toList();
                lines.subList(Math.max(0, lines.size() - SCREEN_LINES), lines.size())
                        .forEach(l -> out.println("  | " + TerminalText.safe(l)));
            });
            out.println(healthy ? "healthy" : "unhealthy: fix the checks marked FAIL");
            out.flush();
        }
        return healthy ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }

    private static Map<String, Object> liveJson(LiveCheck.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("version", r.version());
        m.put("ok", r.ok());
        m.put("detail", r.detail());
        m.put("seconds", r.took().toMillis() / 1000.0);
        m.put("screen", r.screen());
        return m;
    }

    static Map<String, Object> checkJson(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("ok", r.ok());
        m.put("detail", r.detail());
        m.put("fix", r.fix());
        return m;
    }
}
