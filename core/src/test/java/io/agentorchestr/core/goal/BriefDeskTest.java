package io.agentorchestr.core.goal;

import io.agentorchestr.core.agent.ScreenMarkers;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import io.agentorchestr.core.testing.Poll;
import io.agentorchestr.core.testing.ScriptedRouter;
import io.agentorchestr.core.tmux.PaneRef;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compact_session on a real store and git: the brief holds what a lead needs to go on (and stays within
 * its size), a model shortens it when there is one, a restarted lead's digest starts from it, and the
 * lead CLI's compaction is typed only at its prompt, with the brief given back once it is done.
 */
class BriefDeskTest extends TeamTest {
    private final ScriptedRouter model = ScriptedRouter.answering("stub", "small", "## Plan\n- api [running] w02");

    @Test
    void theBriefHoldsThePlanWorkersMergesFailuresOpenQuestionsAndTheLeadsReports() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord merged = team.spawn("Write the schema");
        team.commit(merged, "schema.sql", "create table users (id int);\n");
        team.finish(merged, WorkerState.DONE, "added schema.sql with the users table");
        team.supervisor.desk().merge(merged.id());
        WorkerRecord failed = team.spawn("Write the API");
        team.finish(failed, WorkerState.FAILED, "could not find the router module");
        WorkerRecord asking = team.spawn("Write the docs");
        team.supervisor.team().askLead(asking.id(), "which doc format: Markdown or AsciiDoc?");
        team.supervisor.team().leadProgress("decided: Markdown docs; the API task goes again after schema");

        BriefDesk.Compacted c = team.supervisor.briefs().compact("the failed API task", ModelRouter.NONE);
        String brief = c.brief().text();
        for (String expected : new String[]{"## Goal\ngoal", "## Focus now\nthe failed API task",
            merged.id() + " (implementer, demo): done, merged - task: Write the schema - result: added schema.sql",
            failed.id() + " (implementer, demo): failed", "could not find the router module",
            merged.id() + " merged as ", "which doc format: Markdown or AsciiDoc?",
            "decided: Markdown docs"}) {
            assertTrue(brief.contains(expected), "brief lacks \"" + expected + "\":\n" + brief);
        }
        assertEquals("the session's records", c.brief().madeBy());
        assertTrue(c.brief().note().contains("no model key is set"), c.brief().note());
        assertTrue(c.compaction().contains("no compaction command"), c.compaction());
        assertEquals(Optional.empty(), c.command());
        assertTrue(team.eventKinds().contains("brief_made"));
    }

    @Test
    void aWorkerWhoseResultsTheLeadClearedIsOneLineAndTheBriefStaysWithinItsSize() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord w = team.spawn("Write the schema");
        String longSummary = "first line of a long report\n" + "detail ".repeat(5_000);
        team.finish(w, WorkerState.DONE, longSummary);
        String before = team.supervisor.briefs().compact(null, ModelRouter.NONE).brief().text();
        assertTrue(before.contains("detail detail"), "not cleared: its result at length");
        team.supervisor.desk().absorbed().clear(List.of(w.id()));
        String after = team.supervisor.briefs().compact(null, ModelRouter.NONE).brief().text();
        assertTrue(after.contains("result: first line of a long report") && !after.contains("detail detail"), after);

        team.supervisor.team().leadProgress("x".repeat(SessionBrief.MAX_CHARS));
        for (int i = 0; i < 30; i++) {
            team.supervisor.team().leadProgress("progress " + i + " " + "y".repeat(290));
        }
        assertTrue(team.supervisor.briefs().compact("z".repeat(2_000), ModelRouter.NONE).brief().text().length()
                <= SessionBrief.MAX_CHARS);
    }

    @Test
    void aModelShortensTheRecordsWhenThereIsOne() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("Write the API");
        BriefDesk.Compacted c = team.supervisor.briefs().compact("the API", model);
        assertEquals("stub/small", c.brief().madeBy());
        assertTrue(c.brief().text().endsWith("## Plan\n- api [running] w02"), c.brief().text());
        assertEquals(List.of(ModelTask.COMPRESS), model.tasks);
        assertTrue(model.asked.get(0).prompt().startsWith("Focus on: the API\n\n## Goal\ngoal"),
                model.asked.get(0).prompt());
    }

    @Test
    void aRestartedLeadsDigestStartsFromTheLatestBrief() throws Exception {
        team = TeamFixture.open(dir, 3);
        team.spawn("Write the API");
        team.supervisor.briefs().compact("first", ModelRouter.NONE);
        team.supervisor.briefs().compact("second focus", ModelRouter.NONE);
        List<EventRecord> events = team.store.events(TeamFixture.SESSION);
        String digest = SessionDigest.of(team.session, team.store.workers(TeamFixture.SESSION), events,
                "the lead's agent exited");
        assertTrue(digest.contains("The latest session brief") && digest.contains("## Focus now\nsecond focus")
                && !digest.contains("## Focus now\nfirst"), digest);
    }

    @Test
    void theCompactionCommandIsTypedOnlyAtThePromptAndTheBriefComesBackAfterIt() throws Exception {
        team = TeamFixture.open(dir, 3);
        PaneRef lead = team.tmux.panes().get(0).ref;
        LeadScreen screen = new LeadScreen(team.tmux, Clock.systemUTC());
        screen.at(lead, new ScreenMarkers(List.of("esc to interrupt"), List.of("Do you want to proceed?"),
                List.of("? for shortcuts")));
        LeadActivity activity = new LeadActivity(n -> { });
        try (LeadCompaction compaction = new LeadCompaction(team.session, team.store, team.tmux, screen, activity,
                Clock.systemUTC())) {
            compaction.commandIs("/compact {instructions}");
            team.tmux.show("Calling compact_session... (esc to interrupt)");
            assertTrue(compaction.request("keep the plan\nand the ids", "BRIEF: the plan"));
            Poll.until("a few looks at the busy lead", Duration.ofSeconds(10), () -> compaction.looks() >= 4);
            activity.callStarted();
            team.tmux.show("> \n? for shortcuts");
            int seen = compaction.looks();
            Poll.until("more looks while a call is in flight", Duration.ofSeconds(10), () -> compaction.looks()
                    >= seen + 4);
            assertEquals(List.of(), typed(lead), "nothing is typed into a lead that is busy or in a tool call");

            activity.callEnded();
            Poll.until("the command at the prompt", Duration.ofSeconds(10), () -> typed(lead).size() == 2);
            assertEquals(List.of("/compact keep the plan and the ids", "Enter"), typed(lead));
            team.tmux.show("Compacting conversation... (esc to interrupt)");
            int compacting = compaction.looks();
            Poll.until("looks while it compacts", Duration.ofSeconds(10), () -> compaction.looks() >= compacting + 12);
            assertEquals(2, typed(lead).size(), "the brief waits for the compaction to end");

            team.tmux.show("Conversation compacted\n> \n? for shortcuts");
            Poll.until("the brief given back", Duration.ofSeconds(10), () -> typed(lead).size() == 4);
            assertEquals("BRIEF: the plan", typed(lead).get(2));
            // Recorded once the paste's Enter has gone: a moment after what the test sees typed.
            Poll.until("the brief's event", Duration.ofSeconds(10), () -> compactionSteps().size() == 2);
            List<String> steps = compactionSteps();
            assertTrue(steps.get(0).contains("command_typed") && steps.get(1).contains("brief_given"), steps.toString());
        }
    }

    @Test
    void aLeadWithoutACompactionCommandIsNotTypedInto() throws Exception {
        team = TeamFixture.open(dir, 3);
        LeadActivity activity = new LeadActivity(n -> { });
        try (LeadCompaction compaction = new LeadCompaction(team.session, team.store, team.tmux,
                new LeadScreen(team.tmux, Clock.systemUTC()), activity, Clock.systemUTC())) {
            compaction.commandIs(" ");
            assertFalse(compaction.request("keep", "brief"));
            assertEquals(Optional.empty(), compaction.command());
        }
    }

    private List<String> typed(PaneRef pane) {
        return team.tmux.pane(pane.id()).orElseThrow().typed;
    }

    private List<String> compactionSteps() {
        return team.store.events(TeamFixture.SESSION).stream().filter(e -> e.kind().equals("lead_compaction"))
                .map(EventRecord::data).toList();
    }
}
