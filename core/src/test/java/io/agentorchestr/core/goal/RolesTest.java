package io.agentorchestr.core.goal;

import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roles that are not merged deliver their work as messages; a project's own roles come from its config. */
@Timeout(60)
class RolesTest extends TeamTest {
    private WorkerRecord spawn(String task, String perspective) {
        return team.supervisor.spawner().spawn(new SpawnRequest(task, perspective, List.of(), null, null, null,
                List.of(), null, List.of()));
    }

    @Test
    void aReviewersBranchIsNotMergedAndItsSummaryReachesTheLeadAsAReviewOnce() throws Exception {
        team = TeamFixture.open(dir, 3);
        WorkerRecord reviewer = spawn("review the login code", "reviewer");
        team.commit(reviewer, "REVIEW.md", "1. fine\n");
        team.finish(reviewer, WorkerState.DONE, "1 concern: the password is logged");

        ToolError e = assertThrows(ToolError.class, () -> team.supervisor.desk().merge(reviewer.id()));
        assertTrue(e.getMessage().contains("w01 is a reviewer: its role's work is not merged"), e.getMessage());
        List<MessageRecord> inbox = team.supervisor.mailbox().read("lead", Set.of(), Duration.ZERO)
                .get(5, TimeUnit.SECONDS);
        assertEquals(1, inbox.size(), inbox.toString());
        assertEquals(MessageType.REVIEW, inbox.get(0).type());
        assertEquals("w01", inbox.get(0).sender());
        assertTrue(inbox.get(0).body().startsWith("1 concern: the password is logged"), inbox.get(0).body());
        VerifyResult v = team.supervisor.desk().verify(null);
        assertEquals(List.of(), v.merged());
        assertEquals(List.of(), v.unmerged(), "a reviewer is not work left unmerged");
    }

    @Test
    void aProjectsOwnRoleIsSpawnedWithItsGuideAndStaysUnmerged() throws Exception {
        team = TeamFixture.open(dir, 3, repo -> {
            Files.createDirectories(repo.dir().resolve(".agentorchestr"));
            Files.writeString(repo.dir().resolve(".agentorchestr/config.toml"), """
                    [perspectives.scout]
                    guide = "Map the code base; change nothing."
                    tools = ["report_done", "read_inbox"]
                    merged = false
                    produces = "result"
                    """);
            repo.git("add", "-A");
            repo.git("commit", "-q", "-m", "roles");
        });
        WorkerRecord scout = spawn("map the modules", "scout");

        assertEquals("scout", scout.perspective());
        String prompt = Files.readString(Path.of(team.session.sessionDir(), "prompts", scout.id() + ".md"));
        assertTrue(prompt.contains("## Your role: scout\nMap the code base; change nothing."), prompt);
        assertTrue(prompt.contains("reaches the lead as a result message"), prompt);
        assertTrue(team.supervisor.perspectives().of("scout").allows("report_done"));
        assertTrue(!team.supervisor.perspectives().of("scout").allows("send_message"));
        ToolError unknown = assertThrows(ToolError.class, () -> spawn("x", "poet"));
        assertTrue(unknown.getMessage().contains("use one of implementer, tester, reviewer, security, performance, "
                + "verifier, researcher, scout"), unknown.getMessage());
    }
}
