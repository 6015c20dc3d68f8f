package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.StateStore;

import java.util.Optional;

/**
 * compact_session: a brief of the session ({@link SessionBrief}), kept as an event so that a restarted
 * or resumed lead starts from it ({@link SessionDigest}), and the lead CLI's own compaction with the
 * brief given back afterwards ({@link LeadCompaction}).
 */
public final class BriefDesk implements AutoCloseable {
    /** What compact_session did: the brief, and what happens to the lead's context. */
    public record Compacted(SessionBrief.Made brief, Optional<String> command, String compaction) {
    }

    private final SessionRecord session;
    private final StateStore store;
    private final WorkerBoard board;
    private final PlanRunner plan;
    private final AbsorbedResults absorbed;
    private final LeadCompaction compaction;

    BriefDesk(SessionRecord session, StateStore store, WorkerBoard board, PlanRunner plan, AbsorbedResults absorbed,
              LeadCompaction compaction) {
        this.session = session;
        this.store = store;
        this.board = board;
        this.plan = plan;
        this.absorbed = absorbed;
        this.compaction = compaction;
    }

    /** The lead's CLI compacts with this command ({@code compact_command}), or has none (null). */
    void leadCompactsWith(String command) {
        compaction.commandIs(command);
    }

    public Compacted compact(String focus, ModelRouter router) {
        String f = focus == null || focus.isBlank() ? null : focus.strip();
        if (f != null && f.length() > 2_000) {
            throw new ToolError("focus is " + f.length() + " characters; at most 2000: say in a few lines what the "
                    + "brief should keep in view");
        }
        SessionBrief.Made made = SessionBrief.make(new SessionBrief.Records(session, plan.tasks(), board.all(),
                store.events(session.id()), store.messages().after(session.id(), 0, 100_000),
                id -> absorbed.of(id).isPresent()), f, router);
        store.append(session.id(), new SessionEvent.BriefMade(made.madeBy(), f, made.text()));
        String instructions = "Keep the goal, the plan with every task and worker id and state, the decisions and "
                + "the open questions; agentorchestr gives you the session brief right after this"
                + (f == null ? "." : ". Focus: " + f);
        boolean typed = compaction.request(instructions, "[agentorchestr] Your context was compacted "
                + "(compact_session). Here is the session brief from agentorchestr's records; go on with the goal "
                + "from here, and ask the tools (list_workers, get_plan, read_inbox) for detail:\n\n" + made.text());
        return new Compacted(made, compaction.command(), typed
                ? "end your turn now: once you are at your prompt agentorchestr types " + compaction.command().get()
                + " for your CLI's own compaction, then gives you this brief as your next message"
                : "your CLI has no compaction command agentorchestr knows (compact_command in agents.toml): keep "
                + "this brief in view; a restarted lead starts from it");
    }

    @Override
    public void close() {
        compaction.close();
    }
}
