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
        List<LiveCheck.Result> liveResults = live ? liveCheck(agents) : List.of();
        results.addAll(LiveCheck.asChecks(liveResults));
        results.addAll(live ? context.routers().live(projectRoot()) : List.of(context.routers().configured(
                projectRoot())));
        results.add(context.routers().research(projectRoot(), live));
        boolean healthy = results.stream().allMatch(CheckResult::ok);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("healthy", healthy);
            json.put("checks", results.stream().map(DoctorCommand::checkJson).toList());
            if (live) {
                json.put("live", liveResults.stream().map(DoctorCommand::liveJson).toList());
            }
            Json.print(out, json);
            return healthy ? ExitCode.OK.code() : ExitCode.ERROR.code();
        }
        for (CheckResult r : results) {
            // Details quote tools' own output (agents' --version): made safe for the terminal.
            out.printf("%-4s %-17s %s%n", LABELS.get(r.status()), r.name(), TerminalText.safe(r.detail()));
            if (r.status() != CheckResult.Status.OK) {
                out.printf("     %-17s fix: %s%n", "", TerminalText.safe(r.fix()));
            }
        }
        liveResults.forEach(r -> showLive(out, r));
        out.println(verdict(results));
        out.flush();
        return healthy ? ExitCode.OK.code() : ExitCode.ERROR.code();
    }

    private static final Map<CheckResult.Status, String> LABELS = Map.of(CheckResult.Status.OK, "ok",
            CheckResult.Status.WARN, "WARN", CheckResult.Status.FAIL, "FAIL");

    /** One agent at a time, each announced as it starts: a live check takes seconds per agent. */
    private List<LiveCheck.Result> liveCheck(List<DetectedAgent> agents) {
        LiveCheck check = context.liveCheck();
        List<LiveCheck.Result> results = new ArrayList<>();
        for (DetectedAgent a : LiveCheck.candidates(agents)) {
            if (!common.json) {
                err().println("agentorchestr: starting " + a.profile().key() + " in a private tmux server...");
                err().flush();
            }
            results.add(check.check(a));
        }
        return results;
    }

    /** What was started and what it showed: the last lines of its screen (more of them when it failed). */
    private static void showLive(PrintWriter out, LiveCheck.Result r) {
        out.println();
        out.println("live " + r.agent() + ": " + (r.ok() ? "ok" : "FAIL") + ", " + TerminalText.safe(r.detail()));
        out.println("  started: " + TerminalText.safe(String.join(" ", r.command())));
        List<String> lines = r.screen().lines().filter(l -> !l.isBlank()).toList();
        int shown = r.ok() ? 3 : SCREEN_LINES;
        out.println(lines.isEmpty() ? "  saw:     nothing on its screen" : "  saw (last " + Math.min(shown,
                lines.size()) + " line(s) of its screen):");
        lines.subList(Math.max(0, lines.size() - shown), lines.size())
                .forEach(l -> out.println("    | " + TerminalText.safe(l)));
    }

    /** The closing line: failures make it unhealthy, warnings are counted but do not. */
    static String verdict(List<CheckResult> results) {
        long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
        long warned = results.stream().filter(r -> r.status() == CheckResult.Status.WARN).count();
        String warnings = warned == 0 ? "" : warned + " warning(s) marked WARN";
        boolean onlyAgents = failed == 1 && results.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL
                && r.name().equals("agents"));
        if (onlyAgents) {
            return "unhealthy: everything but an agent CLI is in place; the demo works (--agents demo), real work "
                    + "needs one of the agents above: install one as its fix says" + (warned == 0 ? "" : "; also "
                    + warnings);
        }
        if (failed > 0) {
            return "unhealthy: fix the " + failed + " check(s) marked FAIL" + (warned == 0 ? "" : "; also " + warnings);
        }
        return "healthy" + (warned == 0 ? "" : " (" + warnings + ")");
    }

    private static Map<String, Object> liveJson(LiveCheck.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("version", r.version());
        m.put("ok", r.ok());
        m.put("detail", r.detail());
        m.put("command", r.command());
        m.put("seconds", r.took().toMillis() / 1000.0);
        m.put("screen", r.screen());
        return m;
    }

    static Map<String, Object> checkJson(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("ok", r.ok());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("detail", r.detail());
        m.put("fix", r.fix());
        return m;
    }
}
