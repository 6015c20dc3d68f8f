package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.context.InitEntry;
import io.agentorchestr.core.context.ProjectInit;
import io.agentorchestr.core.error.AgentorchestrException;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --init [--init-force]}: scaffolds the project's {@code .agentorchestr/} in the repository's
 * root (where sessions read it), or in the directory itself when it is not a git repository yet.
 */
public final class InitCommand extends ModeCommand {
    private final boolean force;

    public InitCommand(CliContext context, CommandSpec spec, CommonOptions common, boolean force) {
        super(context, spec, common);
        this.force = force;
    }

    @Override
    public Integer call() {
        Path root = projectRoot();
        if (context.git().isBare(root)) {
            throw AgentorchestrException.usage(root + " is a bare repository (no working tree); --init writes files a "
                    + "checkout commits: run it in a clone (git clone " + root + " <dir>)");
        }
        if (!context.git().isWorkTree(root)) {
            progress(root + " is not a git repository yet; sessions need one (git init), the files are written anyway");
        }
        List<InitEntry> report = ProjectInit.run(root, force);
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("project", root.toString());
            o.put("files", report.stream().map(e -> {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("path", e.path());
                f.put("action", e.action().label());
                f.put("detail", e.detail());
                return f;
            }).toList());
            Json.print(out(), o);
        } else {
            out().println(".agentorchestr/ in " + root + ":");
            for (InitEntry e : report) {
                out().printf("  %-9s %s%s%n", e.action().label(), e.path(),
                        e.detail().isEmpty() ? "" : "  (" + e.detail() + ")");
            }
            long created = report.stream().filter(e -> e.action() != InitEntry.Action.KEPT
                    && e.action() != InitEntry.Action.SKIPPED).count();
            progress(created == 0 ? "nothing to do: everything was there already" : "edit .agentorchestr/PROJECT.md "
                    + "and CONVENTIONS.md: every agent reads them before its task");
        }
        out().flush();
        return 0;
    }
}
