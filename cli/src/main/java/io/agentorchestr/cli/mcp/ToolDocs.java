package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;

import java.util.Locale;
import java.util.stream.Collectors;

/** docs/tools.md, written from the catalog: every tool, who may call it, and its arguments with their limits. */
final class ToolDocs {
    private ToolDocs() {
    }

    static String markdown(ToolCatalog catalog) {
        StringBuilder md = new StringBuilder();
        md.append("# MCP tools\n\n")
                .append("Generated from the tool catalog (`cli/src/main/java/io/agentorchestr/cli/mcp/ToolCatalog.java`);\n")
                .append("do not edit by hand. `ToolDocsTest` fails when this file differs from the catalog;\n")
                .append("`mvn -pl cli test -Dtest=ToolDocsTest -Dagentorchestr.writeDocs=true` writes it again.\n\n")
                .append("The lead reaches its tools at `http://127.0.0.1:PORT/mcp` with the session's lead token; a\n")
                .append("worker reaches its own at `/mcp/worker` with its token, which also says which worker it is.\n")
                .append("Each endpoint lists and serves only the tools of its role. A worker in a result has the\n")
                .append("fields of the one worker view ([cli.md](cli.md)).\n\n")
                .append("| tool | called by |\n|---|---|\n");
        for (ToolEntry e : catalog.all()) {
            md.append("| [`").append(e.name()).append("`](#").append(anchor(e)).append(") | ").append(roles(e))
                    .append(" |\n");
        }
        for (ToolEntry e : catalog.all()) {
            md.append("\n## ").append(e.name()).append(" (").append(roles(e)).append(")\n\n")
                    .append(e.description()).append('\n');
            if (e.params().isEmpty()) {
                md.append("\nNo arguments.\n");
                continue;
            }
            md.append("\n| argument | type | required | limits | about |\n|---|---|---|---|---|\n");
            for (Param p : e.params()) {
                row(md, "", p);
                // A list of objects: its items' fields, one row each, under it.
                p.fields().forEach(f -> row(md, p.name() + "[].", f));
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String prefix, Param p) {
        md.append("| `").append(prefix).append(p.name()).append("` | ").append(p.type()).append(" | ")
                .append(p.required() ? "yes" : "no").append(" | ").append(limits(p)).append(" | ")
                .append(p.doc().replace("|", "\\|")).append(" |\n");
    }

    private static String roles(ToolEntry e) {
        return e.roles().stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String anchor(ToolEntry e) {
        return (e.name() + "-" + roles(e).replace(", ", "-")).toLowerCase(Locale.ROOT);
    }

    private static String limits(Param p) {
        if (p.type().equals("integer") && p.min() != Long.MIN_VALUE) {
            return p.min() + " to " + p.max();
        }
        if (p.type().equals("object[]")) {
            return "at most " + ToolArgs.MAX_LIST_ITEMS + " items";
        }
        if (p.type().startsWith("string")) {
            return "at most " + p.maxChars() + " characters" + (p.type().endsWith("[]") ? " each" : "");
        }
        return "";
    }
}
