package io.agentorchestr.cli.mcp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/tools.md is the catalog written out; the catalog itself is consistent. */
class ToolDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "tools.md");

    @Test
    void docsToolsMdIsTheCatalogWrittenOut() throws IOException {
        String generated = ToolDocs.markdown(ToolCatalog.declarations());
        if (Boolean.getBoolean("agentorchestr.writeDocs")) {
            Files.writeString(DOCS, generated);
        }
        assertEquals(generated, Files.exists(DOCS) ? Files.readString(DOCS) : "", "docs/tools.md is stale: run "
                + "mvn -pl cli test -Dtest=ToolDocsTest -Dagentorchestr.writeDocs=true");
    }

    @Test
    void theLeadsPromptNamesEveryLeadToolOfTheCatalog() {
        java.util.List<String> lead = ToolCatalog.declarations().forRole(ToolRole.LEAD).stream().map(ToolEntry::name)
                .toList();
        String prompt = io.agentorchestr.core.goal.LeadPrompt.build("", "agentorchestr/s1/integration", 3, "a goal",
                null, java.util.List.of(), lead, io.agentorchestr.core.worker.Perspectives.BUILT_IN);
        lead.forEach(name -> assertTrue(prompt.contains(name), name + " in the lead's prompt"));
    }

    @Test
    void everyToolHasOneEntryPerRoleADescriptionAndDocumentedArguments() {
        Set<String> seen = new HashSet<>();
        for (ToolEntry e : ToolCatalog.declarations().all()) {
            assertTrue(e.name().matches("[a-z][a-z_]*"), e.name());
            assertFalse(e.description().isBlank(), e.name());
            for (ToolRole r : e.roles()) {
                assertTrue(seen.add(r + " " + e.name()), "two entries for " + r + " " + e.name());
            }
            e.params().forEach(p -> assertFalse(p.doc().isBlank(), e.name() + " " + p.name()));
        }
        assertTrue(seen.contains("LEAD spawn_worker") && seen.contains("WORKER report_done")
                && seen.contains("LEAD remember") && seen.contains("WORKER remember"), seen.toString());
    }
}
