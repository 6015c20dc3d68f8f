package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.worker.Perspective;

import java.util.ArrayList;
import java.util.List;

/**
 * Every MCP tool of a session, each declared once ({@link ToolEntry}): the lead's, the ones for agents
 * outside the session, the workers', and messages and memory for both. A new tool is one entry in one of those
 * lists; the endpoints serve it by its roles, docs/tools.md is generated from it ({@link ToolDocs}),
 * and the tests that count or probe tools read this catalog.
 */
final class ToolCatalog {
    private final List<ToolEntry> entries;

    private ToolCatalog(List<ToolEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The tools acting on {@code supervisor}'s session; {@code external} serves the external-agent ones. */
    static ToolCatalog of(Supervisor supervisor, ExternalAgentTools external,
                          SessionModels models) {
        List<ToolEntry> all = new ArrayList<>(LeadTools.all(supervisor));
        all.addAll(PlanTools.all(supervisor, models));
        all.addAll(ModelTools.all(supervisor, models));
        all.addAll(external.all());
        all.addAll(WorkerTools.all(supervisor));
        all.addAll(MessageTools.all(supervisor));
        all.addAll(MemoryTools.all(supervisor));
        return new ToolCatalog(all.stream().map(e -> e.roles().contains(ToolRole.WORKER) ? withinRole(e, supervisor)
                : e).toList());
    }

    /** A worker's call is refused, with its role named, when its role does not list the tool. */
    private static ToolEntry withinRole(ToolEntry e, Supervisor s) {
        ToolCalls.Handler handler = (args, caller) -> {
            if (!caller.lead()) {
                Perspective role = s.perspectives().of(s.board().all().stream().filter(w -> w.id().equals(caller.id()))
                        .map(w -> w.perspective()).findFirst().orElse(null));
                if (!role.allows(e.name())) {
                    throw new ToolError(e.name() + " is not among the tools of your role, " + role.label() + ": "
                            + (role.tools().isEmpty() ? "it is offered to researchers and to roles whose tools name "
                            + "it; ask the lead (ask_lead) if you need it" : String.join(", ", role.tools())));
                }
            }
            return e.handler().call(args, caller);
        };
        return new ToolEntry(e.name(), e.description(), e.roles(), e.params(), handler);
    }

    /** The names of the tools a worker's endpoint serves, for checking the roles a project declares. */
    List<String> workerToolNames() {
        return forRole(ToolRole.WORKER).stream().map(ToolEntry::name).toList();
    }

    /** The declarations alone, for docs and tests: their handlers act on no session and are never called. */
    static ToolCatalog declarations() {
        return of(null, new ExternalAgentTools(() -> {
            throw new IllegalStateException("the catalog's declarations serve no session");
        }), new SessionModels() {
            @Override
            public ModelRouter router(Supervisor session) {
                return ModelRouter.NONE;
            }

            @Override
            public io.agentorchestr.core.research.WebResearch research(Supervisor session) {
                throw new IllegalStateException("the catalog's declarations serve no session");
            }
        });
    }

    List<ToolEntry> all() {
        return entries;
    }

    /** What {@code role}'s endpoint lists and serves, in catalog order. */
    List<ToolEntry> forRole(ToolRole role) {
        return entries.stream().filter(e -> e.roles().contains(role)).toList();
    }
}
