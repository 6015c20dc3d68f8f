package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.model.EventRecord;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skills reach the workers whose task they match: a demo goal with a project skill installed; the
 * demo worker records the skills its prompt carried in the file it commits.
 */
@Timeout(240)
class SkillInjectionIT extends SandboxedRun {

    @BeforeEach
    void jwtSkill() throws IOException {
        Path repo = TestRepo.create(dir.resolve("jwt-skill")).dir();
        Files.writeString(repo.resolve("skill.toml"), """
                [skill]
                name = "jwt"
                version = "1.0.0"
                description = "How we issue JSON Web Tokens"
                [triggers]
                keywords = ["jwt"]
                """);
        Files.writeString(repo.resolve("skill.md"), "Sign tokens with RS256; never accept alg=none.\n");
        TestRepo.gitIn(repo, "add", "-A");
        TestRepo.gitIn(repo, "commit", "-q", "-m", "jwt skill");
        ExecResult add = dist.runIn(project.dir(), "--skill-add", repo.toString(), "--project");
        assertEquals(0, add.exitCode(), add.stderr());
    }

    private String committed(JsonNode out, String worker) {
        return project.git("show", out.get("integration_branch").asText() + ":demo/" + worker + ".md");
    }

    private List<String> events(String session, String kind) {
        try (SqliteStateStore store = SqliteStateStore.open(dist.stateDb())) {
            return store.events(session).stream().filter(e -> e.kind().equals(kind)).map(EventRecord::data).toList();
        }
    }

    @Test
    void theMatchingWorkerGetsTheSkillAndTheOtherDoesNot() throws IOException {
        JsonNode out = goal("Add JWT checks to the login\nWrite the changelog", 0);
        String session = out.get("session").asText();
        assertTrue(committed(out, "w01").contains("skills: jwt"), committed(out, "w01"));
        assertFalse(committed(out, "w02").contains("skills:"), committed(out, "w02"));

        Path prompts = dir.resolve("xdg/state/agentorchestr/sessions/" + session + "/prompts");
        String w01 = Files.readString(prompts.resolve("w01.md"));
        assertTrue(w01.contains("## Skill: jwt 1.0.0\nSign tokens with RS256; never accept alg=none."), w01);
        assertTrue(w01.indexOf("## Skill: jwt") < w01.indexOf("## Your task"), "the task stays last");
        assertFalse(Files.readString(prompts.resolve("w02.md")).contains("## Skill:"));
        assertTrue(Files.readString(prompts.resolve("lead.md")).contains("- jwt 1.0.0: How we issue JSON Web Tokens"),
                "the lead's prompt lists the skills");

        List<String> given = events(session, "skills_given");
        assertEquals(1, given.size(), given.toString());
        assertTrue(given.get(0).contains("\"worker\":\"w01\"") && given.get(0).contains("\"skills\":[\"jwt\"]"),
                given.get(0));
        List<String> listed = events(session, "tool_called").stream().filter(d -> d.contains("list_workers")
                || d.contains("wait_for_any")).toList();
        assertTrue(listed.stream().anyMatch(d -> d.contains("\\\"skills\\\":[\\\"jwt\\\"]")), listed.toString());
    }

    @Test
    void anUnsignedSkillIsLeftOutWhenSignedSkillsAreRequiredWithAWarningLineAndTheReasonIsRecorded()
            throws IOException {
        ExecResult r = dist.run("--goal", "Add JWT checks to the login", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json", "--require-signed-skills");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("agentorchestr: warning: skill refused, no worker will get it: jwt ("),
                "a refused skill is a security event the user sees:\n" + r.stderr());
        assertTrue(r.stderr().contains("signed skills are required: unsigned"), r.stderr());
        JsonNode out = json.readTree(r.stdout());
        assertFalse(committed(out, "w01").contains("skills:"), committed(out, "w01"));
        List<String> given = events(out.get("session").asText(), "skills_given");
        assertEquals(1, given.size(), given.toString());
        assertTrue(given.get(0).contains("jwt left out: signed skills are required: unsigned"), given.get(0));
    }
}
