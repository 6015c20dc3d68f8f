package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.doctor.CheckResult;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --doctor}: every check with its result; exit 0 when all pass, 1 otherwise. */
public final class DoctorCommand extends ModeCommand {
    public DoctorCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        super(context, spec, common);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<CheckResult> results = context.doctor().run();
        boolean healthy = results.stream().allMatch(CheckResult::ok);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("healthy", healthy);
            json.put("checks", results.stream().map(DoctorCommand::checkJson).toList());
            Json.print(out, json);
        } else {
            for (CheckResult r : results) {
                // Details quote tools' own output (agents' --version): made safe for the terminal.
                out.printf("%-4s %-17s %s%n", r.ok() ? "ok" : "FAIL", r.name(), TerminalText.safe(r.detail()));
                if (!r.ok()) {
                    out.printf("     %-17s fix: %s%n", "", TerminalText.safe(r.fix()));
                }
            }
            out.println(healthy ? "healthy" : "unhealthy: fix the checks marked FAIL");
            out.flush();
        }
        return healthy ? ExitCode.OK.code() : ExitCode.ERROR.code();
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
