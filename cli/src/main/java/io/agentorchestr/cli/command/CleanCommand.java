package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CleanOptions;
import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.cli.TextTable;
import io.agentorchestr.core.session.SessionCleanup;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --clean [ID...] [--finished] [--dry-run] [--force]}: what ended sessions left behind, removed or kept with why. */
public final class CleanCommand extends ModeCommand {
    private final CleanOptions options;

    public CleanCommand(CliContext context, CommandSpec spec, CleanOptions options, CommonOptions common) {
        super(context, spec, common);
        this.options = options;
    }

    @Override
    public Integer call() {
        List<SessionCleanup.Item> items = context.cleanup().clean(options.ids, options.finished, options.dryRun,
                options.force);
        String removed = options.dryRun ? "would remove" : "removed";
        if (common.json) {
            Json.print(out(), items.stream().map(i -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("session", i.session());
                m.put("kind", i.kind());
                m.put("target", i.target());
                m.put("removed", i.removed());
                m.put("dry_run", options.dryRun);
                m.put("reason", i.reason());
                return m;
            }).toList());
        } else if (!items.isEmpty()) {
            TextTable table = new TextTable("SESSION", "KIND", "TARGET", "RESULT", "WHY");
            items.forEach(i -> table.row(i.session(), i.kind(), i.target(), i.removed() ? removed : "kept",
                    i.reason()));
            table.print(out());
            out().flush();
        }
        long gone = items.stream().filter(SessionCleanup.Item::removed).count();
        progress((options.dryRun ? "dry run: would remove " : "removed ") + gone + ", kept "
                + (items.size() - gone) + (items.isEmpty() ? " (nothing to clean)" : ""));
        return 0;
    }
}
