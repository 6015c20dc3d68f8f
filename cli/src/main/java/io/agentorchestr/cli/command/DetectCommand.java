package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.agent.DetectedAgent;
import io.agentorchestr.core.doctor.CheckResult;
import io.agentorchestr.core.doctor.Doctor;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --detect}: installed agents, whether each can lead and how MCP reaches it, LLM keys, prerequisites. */
public final class DetectCommand extends ModeCommand {
    /**
     * The model router's keys (SPEC §14, docs/router.md); only whether they are set is shown, never their
     * values.
     */
    static final List<String> LLM_KEYS = List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "CEREBRAS_API_KEY",
            "GROQ_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY");

    public DetectCommand(CliContext context, CommandSpec spec, CommonOptions common) {
        super(context, spec, common);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<DetectedAgent> agents = context.detector().detect(context.registry().all());
        Doctor doctor = context.doctor(agents);
        List<CheckResult> prerequisites = List.of(doctor.run().stream()
                .filter(c -> c.name().equals("tmux") || c.name().equals("git")).toArray(CheckResult[]::new));
        Map<String, Boolean> keys = new LinkedHashMap<>();
        LLM_KEYS.forEach(k -> keys.put(k, context.env().get(k) != null && !context.env().get(k).isBlank()));
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agents", agents.stream().map(DetectCommand::agentJson).toList());
            json.put("llm_keys", keys);
            json.put("llm_keys_used", true);
            json.put("prerequisites", prerequisites.stream().map(DoctorCommand::checkJson).toList());
            Json.print(out, json);
            return 0;
        }
        TextTable table = new TextTable("AGENT", "INSTALLED", "VERSION", "CAN LEAD", "MCP INJECTION", "PATH");
        for (DetectedAgent a : agents) {
            table.row(a.profile().key(), a.installed() ? "yes" : "no",
                    a.problem() != null ? "(" + a.problem() + ")" : a.version(),
                    a.profile().canLead() ? "yes" : "no", a.profile().mcp().describe(),
                    a.installed() ? a.binary().toString() : "");
        }
        table.print(out);
        out.println();
        out.println("LLM keys (the model router's, for draft_plan; your agents use their own; docs/router.md):");
        keys.forEach((k, set) -> out.println("  " + k + ": " + (set ? "set" : "not set")));
        out.println();
        out.println("Prerequisites:");
        prerequisites.forEach(c -> out.println("  " + c.name() + ": " + TerminalText.safe(c.ok() ? c.detail()
                : "PROBLEM: " + c.detail() + " (fix: " + c.fix() + ")")));
        out.flush();
        return 0;
    }

    private static Map<String, Object> agentJson(DetectedAgent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.profile().key());
        m.put("display_name", a.profile().displayName());
        m.put("installed", a.installed());
        m.put("path", a.installed() ? a.binary().toString() : null);
        m.put("version", a.version());
        m.put("problem", a.problem());
        m.put("can_lead", a.profile().canLead());
        m.put("mcp_injection", a.profile().mcp().method().label());
        m.put("mcp_detail", a.profile().mcp().describe());
        m.put("prompt", a.profile().promptMode().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
