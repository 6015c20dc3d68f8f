package io.agentorchestr.core.worker;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project's roles in config.toml: what is accepted, and each bad declaration refused with its key named. */
class PerspectivesTest {
    @TempDir
    Path dir;

    private Perspectives load(String toml) throws IOException {
        Files.createDirectories(dir.resolve(".agentorchestr"));
        Files.writeString(dir.resolve(".agentorchestr/config.toml"), toml);
        return Perspectives.load(dir);
    }

    private void refused(String toml, String expected) {
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> load(toml));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void withoutAConfigTheBuiltInRolesAreTheRolesAndReviewersAreNotMerged() {
        Perspectives p = Perspectives.load(dir);
        assertEquals(7, p.all().size());
        assertTrue(p.of("implementer").merged());
        assertTrue(!p.of("reviewer").merged() && !p.of("researcher").merged() && !p.of("verifier").merged());
        assertEquals("implementer", p.of("gone-since").label(), "a role no longer declared counts as implementer");
    }

    @Test
    void aDeclaredRoleDefaultsToAllToolsAndMerged() throws IOException {
        Perspective docs = load("[perspectives.docs]\nguide = \"Write the docs.\"\n").of("docs");
        assertTrue(docs.merged());
        assertEquals(List.of(), docs.tools());
        assertTrue(docs.allows("remember"));
    }

    @Test
    void badDeclarationsAreRefusedNamingTheFileAndKey() {
        refused("[perspectives.scout]\ntools = [\"report_done\"]\n", "[perspectives.scout] needs guide = ");
        refused("[perspectives.scout]\nguide = \"x\"\nmerged = false\n", "[perspectives.scout] is not merged, so it "
                + "needs produces = ");
        refused("[perspectives.scout]\nguide = \"x\"\nmerged = false\nproduces = \"poem\"\n", "produces must be one of "
                + "question, answer");
        refused("[perspectives.reviewer]\nguide = \"x\"\n", "'reviewer' is a built-in role");
        refused("[perspectives.Scout]\nguide = \"x\"\n", "a role's name is lower-case letters");
        refused("[perspectives.scout]\nguide = \"x\"\ntools = []\n", "tools must be a non-empty list");
        refused("[perspectives.scout]\nguide = \"x\"\nmerged = \"no\"\n", "merged must be true or false");
    }

    @Test
    void aRoleNamingAToolThatDoesNotExistIsRefusedWithTheWorkerToolsListed() throws IOException {
        Perspectives p = load("[perspectives.scout]\nguide = \"x\"\ntools = [\"report_done\", \"merge_worker\"]\n");
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> p.requireKnownTools(
                List.of("report_done", "read_inbox"), dir));
        assertTrue(e.getMessage().contains("[perspectives.scout] tools names 'merge_worker', which is no worker tool; "
                + "worker tools: report_done, read_inbox"), e.getMessage());
    }
}
